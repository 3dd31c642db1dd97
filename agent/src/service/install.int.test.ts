/**
 * install / uninstall for real on the file system, inside a temporary folder standing in for "/"
 * (Linux) or the Program Files folder (Windows), with a runner that records the systemctl and
 * sc.exe calls instead of making them.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger, type Logger } from "../log";
import { installService, selfRemovalSteps, uninstallService, type ServiceEnvironment } from "./index";
import { systemdUnit } from "./linux";
import { CommandFailed, type CommandRunner } from "./runner";
import { runSteps } from "./steps";
import { windowsInstallSteps, windowsUninstallSteps, type WindowsHost } from "./windows";

const BINARY = Buffer.from("#!/bin/sh\necho not really an agent\n");
const quiet: Logger = createLogger(() => {});

function recorder(answer: (file: string, args: string[]) => string | Error = () => "") {
  const calls: string[][] = [];
  const run: CommandRunner = async (file, args) => {
    calls.push([path.basename(file.replace(/\\/g, "/")), ...args]);
    const outcome = answer(file, args);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { calls, run };
}

let root: string;
let download: string;
let source: { binary: string; configPath: string; statePath: string };

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "rmm-agent-install-"));
  download = path.join(root, "home", "me", "Downloads", "rmm-agent");
  await mkdir(download, { recursive: true });
  // A machine run by systemd.
  await mkdir(path.join(root, "run", "systemd", "system"), { recursive: true });
  await mkdir(path.join(root, "etc", "systemd", "system"), { recursive: true });
  source = { binary: path.join(download, "rmm-agent"), configPath: path.join(download, "server.json"), statePath: path.join(download, "agent-state.json") };
  await writeFile(source.binary, BINARY, { mode: 0o755 });
  await writeFile(source.configPath, JSON.stringify({ gatewayUrl: "wss://rmm.example/agent", enrollmentToken: "rmm_enr_token" }));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function linux(run: CommandRunner, overrides: Partial<ServiceEnvironment> = {}): ServiceEnvironment {
  return { platform: "linux", isSingleExecutable: true, execPath: source.binary, env: {}, isRoot: true, root, run, serviceHost: () => ({ exe: new Uint8Array(), config: new Uint8Array() }), log: quiet, ...overrides };
}

const mode = async (file: string) => (await stat(file)).mode & 0o777;

describe("Linux install as a systemd unit", () => {
  it("copies the agent into /opt/rmm-agent, writes the unit, enables and starts it", async () => {
    const { calls, run } = recorder();
    await installService(linux(run), { configPath: source.configPath, dryRun: false });

    const installed = path.join(root, "opt", "rmm-agent");
    expect(await readFile(path.join(installed, "rmm-agent"))).toEqual(BINARY);
    expect(await mode(path.join(installed, "rmm-agent"))).toBe(0o755);
    expect(JSON.parse(await readFile(path.join(installed, "server.json"), "utf8"))).toEqual({ gatewayUrl: "wss://rmm.example/agent", enrollmentToken: "rmm_enr_token" });
    expect(await mode(path.join(installed, "server.json"))).toBe(0o600);
    expect(await readFile(path.join(root, "etc", "systemd", "system", "rmm-agent.service"), "utf8")).toBe(systemdUnit());
    expect(calls).toEqual([
      ["systemctl", "stop", "rmm-agent"],
      ["systemctl", "daemon-reload"],
      ["systemctl", "enable", "--now", "rmm-agent"],
    ]);
    // The unpacked copy can no longer enroll another machine; the installed one enrolls this one.
    expect(JSON.parse(await readFile(source.configPath, "utf8"))).toEqual({ gatewayUrl: "wss://rmm.example/agent" });
  });

  it("carries an identity already enrolled from the unpacked folder, privately", async () => {
    await writeFile(source.statePath, JSON.stringify({ agentId: "a-1", agentSecret: "s3cret", enrolledAt: "2025-01-01T00:00:00.000Z" }));
    await writeFile(source.configPath, JSON.stringify({ gatewayUrl: "wss://rmm.example/agent" }));
    await installService(linux(recorder().run), { configPath: source.configPath, dryRun: false });
    const state = path.join(root, "opt", "rmm-agent", "agent-state.json");
    expect(JSON.parse(await readFile(state, "utf8"))).toMatchObject({ agentId: "a-1" });
    expect(await mode(state)).toBe(0o600);
  });

  it("goes on when there was no running agent to stop", async () => {
    const { calls, run } = recorder((_file, args) => (args[0] === "stop" ? new CommandFailed("systemctl", args, 5, "Unit rmm-agent.service not loaded.") : ""));
    await installService(linux(run), { configPath: source.configPath, dryRun: false });
    expect(calls.at(-1)).toEqual(["systemctl", "enable", "--now", "rmm-agent"]);
  });

  it("stops at a failing step, naming it", async () => {
    const { run } = recorder((_file, args) => (args[0] === "enable" ? new CommandFailed("systemctl", args, 1, "Failed to enable unit") : ""));
    await expect(installService(linux(run), { configPath: source.configPath, dryRun: false })).rejects.toThrow(/start it now and at every boot.*Failed to enable unit/);
    // Nothing was reported done that was not: the token stays where the install did not finish.
    expect(JSON.parse(await readFile(source.configPath, "utf8")).enrollmentToken).toBe("rmm_enr_token");
  });

  it("needs root, and says so before touching anything", async () => {
    const { calls, run } = recorder();
    await expect(installService(linux(run, { isRoot: false }), { configPath: source.configPath, dryRun: false })).rejects.toThrow(/needs root: run it with sudo/);
    expect(calls).toEqual([]);
    expect(await readdir(root)).toEqual(["etc", "home", "run"]);
    expect(await readdir(path.join(root, "etc", "systemd", "system"))).toEqual([]);
  });

  it("refuses a machine that systemd does not run", async () => {
    await rm(path.join(root, "run"), { recursive: true });
    await expect(installService(linux(recorder().run), { configPath: source.configPath, dryRun: false })).rejects.toThrow(/systemd is not running here/);
  });

  it("prints the plan on a dry run and changes nothing", async () => {
    const lines: string[] = [];
    const { calls, run } = recorder();
    await installService(linux(run, { isRoot: false, log: createLogger((line) => lines.push(line)) }), { configPath: source.configPath, dryRun: true });
    expect(calls).toEqual([]);
    expect(await readdir(root)).toEqual(["etc", "home", "run"]);
    const steps = lines.map((line) => JSON.parse(line) as { event: string; step?: string }).filter((line) => line.event === "would").map((line) => line.step);
    expect(steps).toContain("start it now and at every boot (systemctl enable --now rmm-agent)");
    expect(steps.some((step) => step?.startsWith(`write ${path.join(root, "etc", "systemd", "system", "rmm-agent.service")}`))).toBe(true);
  });

  it("refuses a server.json it could not start with, and the agent run from source", async () => {
    await writeFile(source.configPath, JSON.stringify({ gatewayUrl: "wss://rmm.example/agent" }));
    await expect(installService(linux(recorder().run), { configPath: source.configPath, dryRun: false })).rejects.toThrow(/no enrollmentToken/);
    await expect(installService(linux(recorder().run, { isSingleExecutable: false }), { configPath: source.configPath, dryRun: false })).rejects.toThrow(/built executable/);
  });
});

describe("Linux uninstall", () => {
  it("stops and disables the unit, then removes it and the folder, and nothing else", async () => {
    await installService(linux(recorder().run), { configPath: source.configPath, dryRun: false });
    await mkdir(path.join(root, "opt", "other"));
    const { calls, run } = recorder();
    await uninstallService(linux(run), { dryRun: false });
    expect(calls).toEqual([
      ["systemctl", "disable", "--now", "rmm-agent"],
      ["systemctl", "daemon-reload"],
    ]);
    expect(await readdir(path.join(root, "opt"))).toEqual(["other"]);
    expect(await readdir(path.join(root, "etc", "systemd", "system"))).toEqual([]);
    expect(await readFile(source.binary)).toEqual(BINARY);
  });

  it("removes itself from inside the unit on the server's request, asking systemd to stop it last", async () => {
    await installService(linux(recorder().run), { configPath: source.configPath, dryRun: false });
    const { calls, run } = recorder();
    const installedConfig = path.join(root, "opt", "rmm-agent", "server.json");
    await runSteps(selfRemovalSteps(linux(run), { service: true, configPath: installedConfig }), { dryRun: false, log: quiet });
    expect(calls).toEqual([
      ["systemctl", "disable", "rmm-agent"],
      ["systemctl", "daemon-reload"],
      ["systemctl", "stop", "--no-block", "rmm-agent"],
    ]);
    expect(await readdir(path.join(root, "opt"))).toEqual([]);
  });

  it("run by hand, deletes only its credentials and server.json when the server asks", async () => {
    await writeFile(source.statePath, "{}");
    const { calls, run } = recorder();
    await runSteps(selfRemovalSteps(linux(run), { service: false, configPath: source.configPath }), { dryRun: false, log: quiet });
    expect(calls).toEqual([]);
    expect(await readdir(download)).toEqual(["rmm-agent"]);
  });
});

describe("Windows install as a service (on a stand-in folder)", () => {
  let host: WindowsHost;
  const serviceHost = { exe: Buffer.from("MZ winsw"), config: Buffer.from("<configuration/>") };

  beforeEach(async () => {
    await writeFile(source.configPath, JSON.stringify({ gatewayUrl: "wss://rmm.example/agent", enrollmentToken: "rmm_enr_token" }));
  });

  const windowsHost = (run: CommandRunner): WindowsHost => ({
    installDir: path.join(root, "Program Files", "rmm-agent"),
    path,
    run,
    env: { SystemRoot: "C:\\Windows" },
    serviceHost: () => serviceHost,
  });

  it("writes the agent beside the service host and its configuration, then registers, configures and starts the service", async () => {
    const notInstalled = new CommandFailed("sc.exe", [], 1060, "[SC] OpenService FAILED 1060");
    const { calls, run } = recorder((_file, args) => (args[0] === "query" ? notInstalled : ""));
    host = windowsHost(run);
    await runSteps(windowsInstallSteps(source, host), { dryRun: false, log: quiet });

    const installDir = host.installDir;
    expect(await readFile(path.join(installDir, "rmm-agent.exe"))).toEqual(BINARY);
    expect(await readFile(path.join(installDir, "rmm-agent-service.exe"))).toEqual(serviceHost.exe);
    expect(await readFile(path.join(installDir, "rmm-agent-service.exe.config"))).toEqual(serviceHost.config);
    const xml = await readFile(path.join(installDir, "rmm-agent-service.xml"), "utf8");
    expect(xml).toContain(`<executable>${path.join(installDir, "rmm-agent.exe")}</executable>`);
    expect(calls).toEqual([
      ["sc.exe", "query", "rmm-agent"],
      ["sc.exe", "query", "rmm-agent"],
      ["sc.exe", "create", "rmm-agent", "binPath=", `"${path.join(installDir, "rmm-agent-service.exe")}"`, "start=", "auto", "obj=", "LocalSystem", "DisplayName=", "RMM agent"],
      ["sc.exe", "description", "rmm-agent", "Remote monitoring and management agent"],
      ["sc.exe", "failure", "rmm-agent", "reset=", "86400", "actions=", "restart/5000/restart/5000/restart/5000"],
      ["sc.exe", "start", "rmm-agent"],
    ]);
    expect(JSON.parse(await readFile(source.configPath, "utf8")).enrollmentToken).toBeUndefined();
  });

  it("reinstalls over an existing service: waits for it to stop, then updates its configuration", async () => {
    const { calls, run } = recorder((_file, args) => (args[0] === "query" ? "STATE : 1  STOPPED" : ""));
    await runSteps(windowsInstallSteps(source, windowsHost(run)), { dryRun: false, log: quiet });
    expect(calls.slice(0, 3)).toEqual([
      ["sc.exe", "query", "rmm-agent"],
      ["sc.exe", "stop", "rmm-agent"],
      ["sc.exe", "query", "rmm-agent"],
    ]);
    expect(calls.map((call) => call[1])).toContain("config");
    expect(calls.map((call) => call[1])).not.toContain("create");
  });

  it("uninstalls: stops and deletes the service, then removes the folder", async () => {
    const { run } = recorder((_file, args) => (args[0] === "query" ? new CommandFailed("sc.exe", [], 1060, "") : ""));
    host = windowsHost(run);
    await runSteps(windowsInstallSteps(source, host), { dryRun: false, log: quiet });
    const removal = recorder();
    await runSteps(windowsUninstallSteps(windowsHost(removal.run), source.binary), { dryRun: false, log: quiet });
    expect(removal.calls).toEqual([
      ["sc.exe", "stop", "rmm-agent"],
      ["sc.exe", "delete", "rmm-agent"],
    ]);
    expect(await readdir(path.join(root, "Program Files"))).toEqual([]);
  });
});
