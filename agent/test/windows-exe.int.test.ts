/**
 * The Windows deliverable itself: builds rmm-agent.exe (if stale) and runs
 * it under Debian's wine64 against a fake gateway; it must enroll and say
 * hello as `win32`, and plan its install as a service (dry run: the service
 * host it embeds is .NET, which wine does not run). Without wine this test
 * fails, unless RMM_SKIP_WINE=1.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAgent } from "../build/build-agent";
import { TARGETS } from "../build/targets";
import { createCommand } from "../../src/protocol";
import { FakeGateway, isHello } from "./fake-gateway";

const WINE = "/usr/lib/wine/wine64";
const WINESERVER = "/usr/lib/wine/wineserver";
const wineMissing = !existsSync(WINE);
const skipWine = wineMissing && process.env.RMM_SKIP_WINE === "1";
const windowsExe = TARGETS.find((target) => target.name === "windows-x64")!.output;

/** The first run creates the wine prefix (several seconds) before Node even starts. */
const HELLO_TIMEOUT_MS = 150_000;
const BUILD_TIMEOUT_MS = 10 * 60_000;

describe.skipIf(skipWine || process.platform !== "linux")("rmm-agent.exe under wine", () => {
  let directory: string;
  let gateway: FakeGateway;
  let wine: ChildProcess | undefined;

  const wineEnvironment = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, WINEPREFIX: path.join(directory, "prefix"), WINEDEBUG: "-all", NODE_SKIP_PLATFORM_CHECK: "1" };
    delete env.DISPLAY; // no window system: wine must not try to open one
    delete env.WAYLAND_DISPLAY;
    return env;
  };

  const agentOutput = async () =>
    [await readFile(path.join(directory, "stdout.log"), "utf8").catch(() => ""), await readFile(path.join(directory, "stderr.log"), "utf8").catch(() => "")].join("\n--- stderr ---\n");

  beforeAll(async () => {
    if (wineMissing) {
      throw new Error(`${WINE} not found: install it (apt-get install -y --no-install-recommends wine64) or set RMM_SKIP_WINE=1 to skip this test`);
    }
    const build = await buildAgent({ log: () => {} });
    expect(build.outputs.map((output) => output.path)).toContain(windowsExe);

    directory = await mkdtemp(path.join(os.tmpdir(), "rmm-agent-wine-"));
    gateway = await FakeGateway.start({ enrollmentToken: "wine-token", metricsIntervalMs: 60_000 });
    await copyFile(windowsExe, path.join(directory, "rmm-agent.exe"));
    await writeFile(path.join(directory, "server.json"), JSON.stringify({ gatewayUrl: gateway.url, enrollmentToken: "wine-token" }));

    // Node's stdio crashes with EBADF on a pipe under wine, so the output goes to files.
    const stdout = openSync(path.join(directory, "stdout.log"), "w");
    const stderr = openSync(path.join(directory, "stderr.log"), "w");
    wine = spawn(WINE, [path.join(directory, "rmm-agent.exe")], { cwd: directory, env: wineEnvironment(), stdio: ["ignore", stdout, stderr] });
    closeSync(stdout);
    closeSync(stderr);
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    wine?.kill("SIGKILL");
    if (directory) {
      spawnSync(WINESERVER, ["-k"], { env: wineEnvironment(), timeout: 30_000 });
      await rm(directory, { recursive: true, force: true });
    }
    await gateway?.close();
  }, 60_000);

  it(
    "enrolls from the server.json beside it and says hello as win32",
    async () => {
      const hello = await gateway.waitFor(isHello, 0, HELLO_TIMEOUT_MS).catch(async (error: Error) => {
        throw new Error(`${error.message}; agent output:\n${await agentOutput()}`);
      });
      expect(gateway.upgrades[0]?.headers["x-enrollment-token"]).toBe("wine-token");
      expect(hello).toMatchObject({
        agentId: gateway.credentials.agentId,
        platform: "win32",
        features: expect.arrayContaining(["list-processes", "kill-process"]),
      });
      expect(hello.specs.cpu.cores).toBeGreaterThan(0);
      expect(JSON.parse(await readFile(path.join(directory, "agent-state.json"), "utf8"))).toMatchObject(gateway.credentials);
      expect(JSON.parse(await readFile(path.join(directory, "server.json"), "utf8"))).toEqual({ gatewayUrl: gateway.url });
    },
    HELLO_TIMEOUT_MS + 10_000,
  );

  it("takes the Windows kill path for an unknown pid", async () => {
    const reply = await gateway.request(createCommand("kill-process", { processId: 4_000_001 }));
    expect(reply).toMatchObject({ ok: false, error: { code: "not-found" } });
  });

  it("sent nothing the protocol rejects", () => {
    expect(gateway.protocolErrors).toEqual([]);
  });

  it(
    "plans its install as a LocalSystem service hosted by the embedded WinSW, restarted on failure",
    async () => {
      const output = path.join(directory, "install.log");
      const fd = openSync(output, "w");
      const run = spawnSync(WINE, [path.join(directory, "rmm-agent.exe"), "install", "--dry-run"], { cwd: directory, env: wineEnvironment(), stdio: ["ignore", fd, fd], timeout: 120_000 });
      closeSync(fd);
      const lines = (await readFile(output, "utf8")).split(/\r?\n/).filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as { event: string; step?: string; directory?: string });
      expect(run.status, JSON.stringify(lines)).toBe(0);
      const steps = lines.filter((line) => line.event === "would").map((line) => line.step ?? "");
      expect(steps).toContainEqual(expect.stringMatching(/^write the service host C:\\Program Files\\rmm-agent\\rmm-agent-service\.exe \([1-9]\d+ bytes\)/));
      expect(steps).toContainEqual(expect.stringMatching(/^register the service rmm-agent as LocalSystem/));
      expect(steps).toContain("restart it 5 s after a failure (sc.exe failure rmm-agent reset= 86400 actions= restart/5000/restart/5000/restart/5000)");
      expect(steps).toContain("start it (sc.exe start rmm-agent)");
      expect(lines.at(-1)).toMatchObject({ event: "install-planned", directory: "C:\\Program Files\\rmm-agent" });
    },
    150_000,
  );
});
