/**
 * Supervision with real processes, on a launcher of its own (ports 39420/39421): the gateway is
 * killed (SIGKILL) while a request waits on a real Linux agent. The caller gets a clear 503 naming
 * the agent and the command, never a dropped socket; the web process stays up; the launcher has the
 * gateway back within seconds; the agent comes back online, the interrupted command is not run
 * again, and a new request works. A killed web process is restarted too, and a gateway that cannot
 * start at all is a crash loop that stops the product loudly.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import postgres from "postgres";
import { downloadAgentPackage, startLogged, stopProcessGroup } from "../support/agent-package";
import { isAlive, startLauncher, type Launcher } from "../support/launcher";

const PORT = 39420;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const ADMIN = { username: "admin", password: "supervision-test-pw" };

test.describe.configure({ mode: "serial" });

let dataDir: string;
let launcher: Launcher;
let api: APIRequestContext;
let sql: postgres.Sql;
let agentProcess: ChildProcess | undefined;
let agentDir: string;

test.beforeAll(async () => {
  test.setTimeout(8 * 60_000); // a production build when none is there yet
  dataDir = await mkdtemp(path.join(os.tmpdir(), "rmm-supervision-"));
  launcher = startLauncher({ dataDir, port: PORT, env: { RMM_ADMIN_PASSWORD: ADMIN.password, PUBLIC_URL: BASE_URL } });
  await launcher.ready;
  // The command rows are the evidence for "in flight" and "not delivered again": read them directly.
  const pgPort = /PostgreSQL ready on 127\.0\.0\.1:(\d+)/.exec(launcher.output())![1];
  const password = (await readFile(path.join(dataDir, "postgres-password"), "utf8")).trim();
  sql = postgres(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/rmm`, { max: 1, onnotice: () => {} });
  api = await playwrightRequest.newContext({ baseURL: BASE_URL });
  expect((await api.post("/auth/login", { data: ADMIN })).status()).toBe(200);
});

test.afterAll(async () => {
  if (agentProcess?.pid) {
    try {
      process.kill(-agentProcess.pid, "SIGCONT");
    } catch {
      // already gone
    }
  }
  stopProcessGroup(agentProcess);
  if (agentDir) await rm(agentDir, { recursive: true, force: true });
  await sql?.end({ timeout: 2 });
  await api?.dispose();
  if (launcher) {
    const exited = new Promise<number | null>((resolve) => launcher.child.once("exit", resolve));
    launcher.child.kill("SIGINT");
    expect(await exited).toBe(0);
  }
  await rm(dataDir, { recursive: true, force: true });
});

type Client = { agentId: string; name: string; status: string; platform: string | null };
const clients = async () => (await (await api.get("/clients")).json()) as Client[];
const statusOf = async (agentId: string) => (await clients()).find((client) => client.agentId === agentId)?.status;
const gatewayHealth = () => fetch(`http://127.0.0.1:${PORT + 1}/healthz`).then((response) => response.status, () => 0);
const agentLog = async () =>
  (await readFile(path.join(agentDir, "agent.log"), "utf8"))
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { event: string; commandId?: string });

test("a gateway killed mid-command: a clear 503, the gateway back within seconds, the agent online again", async () => {
  test.setTimeout(120_000);
  const pkg = await downloadAgentPackage(api, "linux");
  agentDir = pkg.dir;
  agentProcess = await startLogged("./run-agent.sh", [], { cwd: pkg.dir, logName: "agent.log" });
  let agent: Client | undefined;
  await expect
    .poll(async () => (agent = (await clients()).find((client) => client.platform === "linux" && client.status === "online")), { timeout: 60_000, intervals: [500] })
    .toBeTruthy();
  const agentId = agent!.agentId;
  expect((await api.post(`/processes/${agentId}/refresh`)).status()).toBe(200);

  // Frozen, the agent cannot answer: the next command stays in flight.
  process.kill(-agentProcess.pid!, "SIGSTOP");
  const answer = api.post(`/processes/${agentId}/refresh`, { timeout: 60_000 });
  let commandId = "";
  await expect
    .poll(async () => {
      const [row] = await sql<{ id: string }[]>`select id from commands where agent_id = ${agentId} and status = 'sent'`;
      commandId = row?.id ?? "";
      return commandId;
    })
    .not.toBe("");

  const [webPid] = launcher.pids("web");
  const [gatewayPid] = launcher.pids("gateway");
  const killedAt = Date.now();
  process.kill(gatewayPid!, "SIGKILL");

  // A playwright request whose socket is dropped rejects: reaching the status means an answer came.
  const response = await answer;
  expect(response.status()).toBe(503);
  expect(await response.json()).toEqual({ error: `Agent '${agent!.name}' (${agentId}) went offline while running 'list-processes'` });
  expect(Date.now() - killedAt).toBeLessThan(15_000);
  expect((await sql`select status from commands where id = ${commandId}`)[0]?.status).toBe("failed");

  // The launcher restarted the gateway; the web process was left alone.
  await expect.poll(gatewayHealth, { timeout: 10_000, intervals: [200] }).toBe(200);
  expect(launcher.pids("gateway")).toHaveLength(2);
  expect(isAlive(gatewayPid!)).toBe(false);
  expect(launcher.pids("web")).toEqual([webPid]);
  expect(launcher.output()).toMatch(/the gateway process exited unexpectedly \(signal SIGKILL\); restarting it in 0\.5 s/);

  process.kill(-agentProcess.pid!, "SIGCONT");
  await expect.poll(() => statusOf(agentId), { timeout: 15_000, intervals: [250] }).toBe("online");
  const again = await api.post(`/processes/${agentId}/refresh`);
  expect(again.status()).toBe(200);
  expect((await again.json()).snapshot.processes.length).toBeGreaterThan(0);

  // The interrupted command ran at most once (if it had reached the agent's socket) and was never sent again.
  const events = (await agentLog()).filter((line) => line.commandId === commandId).map((line) => line.event);
  expect(events.filter((event) => event === "command-received").length).toBeLessThanOrEqual(1);
  expect(events).not.toContain("command-duplicate");
  expect((await sql`select status from commands where id = ${commandId}`)[0]?.status).toBe("failed");
});

test("a killed web process is restarted and serves again", async () => {
  test.setTimeout(120_000);
  const [webPid] = launcher.pids("web");
  process.kill(webPid!, "SIGKILL");
  await expect.poll(() => launcher.pids("web").length, { timeout: 10_000 }).toBe(2);
  const clientsStatus = () => api.get("/clients").then((response) => response.status(), () => 0); // refused while it starts
  await expect.poll(clientsStatus, { timeout: 90_000, intervals: [500] }).toBe(200);
  // The gateway did not notice: it kept its process.
  expect(launcher.pids("gateway")).toHaveLength(2);
});

test("a gateway that cannot start is a crash loop: the launcher names it, quotes its error and stops everything", async () => {
  test.setTimeout(180_000);
  const port = PORT + 2;
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(port + 1, "0.0.0.0", resolve));
  const loopDir = await mkdtemp(path.join(os.tmpdir(), "rmm-crash-loop-"));
  try {
    const looping = startLauncher({ dataDir: loopDir, port, env: { RMM_ADMIN_PASSWORD: ADMIN.password } });
    const exitCode = await new Promise<number | null>((resolve) => looping.child.once("exit", resolve));
    await looping.ready.catch(() => {}); // it never got ready
    expect(exitCode).toBe(1);
    expect(looping.pids("gateway")).toHaveLength(5);
    expect(looping.output()).toMatch(/The gateway process crashed 5 times within 60 s \(last: exit code 1\)/);
    expect(looping.output()).toMatch(/\| .*EADDRINUSE/);
    expect(looping.output()).toContain("[start] stopped.");
    // Everything stopped with it: the web process it had started no longer answers.
    expect(await fetch(`http://127.0.0.1:${port}/sign-in`).then(() => "up", () => "down")).toBe("down");
  } finally {
    squatter.close();
    await rm(loopDir, { recursive: true, force: true });
  }
});
