/**
 * The whole command path with real processes: the Linux agent package downloaded from the product,
 * run on this machine, comes online; a process the test started is listed and killed through the
 * documented REST paths. The Windows .exe runs under wine64 and reports platform win32.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { downloadAgentPackage, startLogged, stopProcessGroup } from "../support/agent-package";
import { E2E } from "../support/env";

const WINE = "/usr/lib/wine/wine64";
/** An agent as spec 000's `GET /clients` lists it (that path calls agents "clients"). */
type ListedAgent = { agentId: string; name: string; status: string; platform: string | null; os: string | null };

let api: APIRequestContext;
const started: ChildProcess[] = [];

test.beforeAll(async () => {
  api = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  expect((await api.post("/auth/login", { data: E2E.admin })).status()).toBe(200);
});
test.afterAll(() => started.forEach(stopProcessGroup));

async function onlineAgent(platform: string, known: Set<string>): Promise<ListedAgent> {
  let found: ListedAgent | undefined;
  await expect
    .poll(
      async () => {
        const listed = (await (await api.get("/clients")).json()) as ListedAgent[];
        found = listed.find((agent) => !known.has(agent.agentId) && agent.platform === platform && agent.status === "online");
        return Boolean(found);
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);
  return found!;
}

const agentIds = async () => new Set(((await (await api.get("/clients")).json()) as ListedAgent[]).map((agent) => agent.agentId));

test("the Linux package from /agent/download runs, comes online, lists and kills a process", async () => {
  const known = await agentIds();
  const pkg = await downloadAgentPackage(api, "linux");
  expect(pkg.files.sort()).toEqual(["rmm-agent", "run-agent.sh", "server.json"]);
  const serverJson = JSON.parse(await readFile(path.join(pkg.dir, "server.json"), "utf8"));
  expect(serverJson).toEqual({ gatewayUrl: `ws://127.0.0.1:${E2E.gatewayPort}/agent`, enrollmentToken: expect.stringMatching(/^rmm_enr_/) });

  started.push(await startLogged("./run-agent.sh", [], { cwd: pkg.dir, logName: "agent.log" }));
  const agent = await onlineAgent("linux", known);
  expect(agent.os).toBeTruthy();

  const victim = spawn("sleep", ["300"], { stdio: "ignore" });
  started.push(victim);
  const victimGone = new Promise((resolve) => victim.once("exit", resolve));

  expect((await api.post(`/processes/${agent.agentId}/refresh`)).status()).toBe(200);
  const data = await (await api.get(`/processes/${agent.agentId}/data`)).json();
  expect(data.snapshot).toMatchObject({ cpuPercent: expect.any(Number), memoryPercent: expect.any(Number), diskPercent: expect.any(Number), network: expect.any(Object) });
  expect(data.snapshot.processes).toContainEqual(expect.objectContaining({ pid: victim.pid, name: "sleep" }));

  const badPid = await api.post(`/processes/${agent.agentId}/kill`, { data: { processId: -5 } });
  expect(badPid.status()).toBe(400);
  expect((await badPid.json()).details).toContainEqual(expect.objectContaining({ field: "processId" }));

  const kill = await api.post(`/processes/${agent.agentId}/kill`, { data: { processId: victim.pid } });
  expect(kill.status()).toBe(200);
  expect(await kill.json()).toEqual({ processId: victim.pid, killed: true });
  await victimGone;

  await api.post(`/processes/${agent.agentId}/refresh`);
  const after = await (await api.get(`/processes/${agent.agentId}/data`)).json();
  expect(after.snapshot.processes.map((p: { pid: number }) => p.pid)).not.toContain(victim.pid);
});

test("the Windows .exe from /agent/download runs under wine64 and comes online as win32", async () => {
  test.skip(!existsSync(WINE) && process.env.RMM_SKIP_WINE === "1", "wine64 not installed and RMM_SKIP_WINE=1");
  expect(existsSync(WINE), "wine64 is required (apt-get install wine64); set RMM_SKIP_WINE=1 to skip").toBe(true);
  test.setTimeout(180_000);
  const known = await agentIds();
  const pkg = await downloadAgentPackage(api, "windows");
  expect(pkg.files.sort()).toEqual(["rmm-agent.exe", "run-agent.bat", "server.json"]);
  started.push(
    await startLogged(WINE, ["rmm-agent.exe"], {
      cwd: pkg.dir,
      logName: "agent.log",
      env: { WINEPREFIX: path.join(pkg.dir, "wineprefix"), WINEDEBUG: "-all", DISPLAY: "", NODE_SKIP_PLATFORM_CHECK: "1" },
    }),
  );
  const agent = await onlineAgent("win32", known);
  expect(agent.platform).toBe("win32");
});
