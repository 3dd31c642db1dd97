/**
 * The Linux agent for real: started from source as a child process against
 * a fake gateway, it enrolls (and drops its enrollment token), reconnects with
 * its saved secret, reports metrics, lists and kills processes, runs a shell
 * command, and runs a re-delivered command once. The steps share one agent and
 * run in order.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCommand, listProcessesResult, listServicesResult, requestBsodResult, requestEventEntriesResult, runCommandResult, type CommandResultMessage } from "../../src/protocol";
import { dmesgHost, readKernelRing } from "../src/capabilities/event-logs/dmesg";
import { journalHost } from "../src/capabilities/event-logs/linux";
import { AgentProcess } from "./agent-process";
import { FakeGateway, isHello, isMetrics } from "./fake-gateway";

/** Above Linux's largest possible pid_max, so no process can have it. */
const IMPOSSIBLE_PID = 2 ** 22 + 1;

function startSleeper(): { child: ChildProcess; exit: Promise<NodeJS.Signals | null> } {
  const child = spawn("sleep", ["300"], { stdio: "ignore" });
  return { child, exit: new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal))) };
}

/**
 * A process that has exited but is still listed: `sleep 0` runs in the background of a shell that
 * then becomes `sleep 300`, which never reaps it. Resolves with its pid once it is a zombie.
 */
async function startZombie(): Promise<{ parent: ChildProcess; zombiePid: number }> {
  const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 300"], { stdio: ["ignore", "pipe", "ignore"] });
  const zombiePid = await new Promise<number>((resolve) => parent.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
  await vi.waitFor(async () => expect((await readFile(`/proc/${zombiePid}/stat`, "utf8")).split(") ")[1]?.[0]).toBe("Z"));
  return { parent, zombiePid };
}

function resultOf(reply: CommandResultMessage): unknown {
  if (!reply.ok) throw new Error(`command failed: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}

describe.skipIf(process.platform !== "linux")("agent (Linux, from source) against a fake gateway", () => {
  let directory: string;
  let gateway: FakeGateway;
  let agent: AgentProcess;
  let configPath: string;
  const sleepers: ChildProcess[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "rmm-agent-int-"));
    gateway = await FakeGateway.start({ enrollmentToken: "enroll-me", metricsIntervalMs: 1_000 });
    configPath = path.join(directory, "server.json");
    await writeFile(configPath, JSON.stringify({ gatewayUrl: gateway.url, enrollmentToken: "enroll-me", note: "kept" }), { mode: 0o644 });
    agent = new AgentProcess(configPath);
  });

  afterAll(async () => {
    if (agent?.running) agent.signal("SIGKILL");
    for (const sleeper of sleepers) sleeper.kill("SIGKILL");
    await gateway?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("enrolls with the token, keeps its secret in a private file and says hello", async () => {
    const hello = await gateway.waitFor(isHello);
    expect(gateway.upgrades[0]?.headers["x-enrollment-token"]).toBe("enroll-me");
    expect(hello).toMatchObject({
      agentId: gateway.credentials.agentId,
      name: os.hostname(),
      platform: "linux",
      agentVersion: expect.any(String),
      features: expect.arrayContaining(["list-processes", "kill-process", "list-services", "manage-service", "run-command", "request-event-stats", "request-event-entries", "request-bsod"]),
    });
    expect(hello.os).toMatch(/kernel/);
    expect(hello.specs.cpu.cores).toBeGreaterThan(0);
    expect(hello.specs.memoryBytes).toBeGreaterThan(0);
    expect(hello.specs.disks.length).toBeGreaterThan(0);

    const statePath = path.join(directory, "agent-state.json");
    const state = JSON.parse(await readFile(statePath, "utf8"));
    expect(state).toMatchObject(gateway.credentials);
    expect((await stat(statePath)).mode & 0o777).toBe(0o600);
  });

  it("removes the enrollment token from server.json once it has its own secret, and keeps the rest", async () => {
    await vi.waitFor(() => expect(agent.events("enrollment-token-removed")).toHaveLength(1));
    expect(JSON.parse(await readFile(configPath, "utf8"))).toEqual({ gatewayUrl: gateway.url, note: "kept" });
    expect((await stat(configPath)).mode & 0o777).toBe(0o600);
  });

  it("reconnects with its saved credentials, not the token, after the connection drops", async () => {
    const since = gateway.received.length;
    gateway.dropAgent();
    await gateway.waitFor(isHello, since);
    const reconnect = gateway.upgrades.at(-1)!;
    expect(reconnect.accepted).toBe(true);
    expect(reconnect.headers.authorization).toBe(`Bearer ${gateway.credentials.agentId}.${gateway.credentials.agentSecret}`);
    expect(reconnect.headers["x-enrollment-token"]).toBeUndefined();
  });

  it("reports metrics at the interval given by hello-ack", async () => {
    const first = await gateway.waitFor(isMetrics, gateway.received.length);
    const second = await gateway.waitFor(isMetrics, gateway.received.indexOf(first) + 1);
    const gapMs = Date.parse(second.at) - Date.parse(first.at);
    expect(gapMs).toBeGreaterThanOrEqual(900);
    expect(gapMs).toBeLessThan(5_000);
    expect(first.memoryPercent).toBeGreaterThan(0);
  });

  it("lists processes, including one the test started", async () => {
    const sleeper = startSleeper();
    sleepers.push(sleeper.child);
    const result = listProcessesResult.parse(resultOf(await gateway.request(createCommand("list-processes", {}))));
    const listed = result.processes.find((process) => process.pid === sleeper.child.pid);
    expect(listed).toMatchObject({ name: "sleep", ppid: process.pid, command: "sleep 300", user: expect.any(String) });
    expect(listed!.memoryBytes).toBeGreaterThan(0);
    expect(result.memoryPercent).toBeGreaterThan(0);
  });

  it("kills a process and runs a re-delivered kill only once", async () => {
    const sleeper = startSleeper();
    sleepers.push(sleeper.child);
    const kill = createCommand("kill-process", { processId: sleeper.child.pid! });
    const first = await gateway.request(kill);
    expect(resultOf(first)).toEqual({ processId: sleeper.child.pid, killed: true });
    expect(await sleeper.exit).toBe("SIGKILL");

    // Run again, the kill would now fail with not-found; the stored reply proves it was not.
    const again = await gateway.request(kill);
    expect(again).toEqual(first);
    // The log line travels by pipe, the reply by socket: either may arrive first.
    await vi.waitFor(() => expect(agent.events("command-duplicate").map((line) => line.commandId)).toEqual([kill.commandId]));
  });

  it("answers an unknown pid with not-found and an unimplemented command with unsupported", async () => {
    const missing = await gateway.request(createCommand("kill-process", { processId: IMPOSSIBLE_PID }));
    expect(missing).toMatchObject({ ok: false, error: { code: "not-found" } });
    const software = await gateway.request(createCommand("list-software", {}));
    expect(software).toMatchObject({ ok: false, error: { code: "unsupported" } });
  });

  it("lists systemd services where systemd runs, the init scripts where it does not, and says plainly when there are neither", async () => {
    const reply = await gateway.request(createCommand("list-services", {}));
    if (existsSync("/run/systemd/system")) {
      const { services } = listServicesResult.parse(resultOf(reply));
      expect(services.length).toBeGreaterThan(0);
      expect(services.every((service) => service.name.endsWith(".service"))).toBe(true);
    } else if (existsSync("/etc/init.d")) {
      console.info("systemd is not running here: checking the agent's list of /etc/init.d scripts");
      const { services } = listServicesResult.parse(resultOf(reply));
      expect(services.every((service) => existsSync(path.join("/etc/init.d", service.name)))).toBe(true);
    } else {
      console.info("neither systemd nor /etc/init.d here: checking the agent's 'unsupported' answer instead of a real service list");
      expect(reply).toMatchObject({ ok: false, error: { code: "unsupported", message: expect.stringContaining("systemd is not running on this machine") } });
    }
    // A name systemctl would read as an option never reaches it, systemd or not.
    const optionLike = await gateway.request(createCommand("manage-service", { serviceName: "--all", action: "stop" }));
    expect(optionLike).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("runs a queued shell command with /bin/sh and returns its exit code and output", async () => {
    const reply = await gateway.request(createCommand("run-command", { command: `echo "hi $((40 + 2))"; echo warn >&2; exit 3`, timeoutSeconds: 10 }));
    expect(runCommandResult.parse(resultOf(reply))).toMatchObject({ exitCode: 3, stdout: "hi 42\n", stderr: "warn\n", timedOut: false });
  });

  it("reads the journal where there is one, the kernel ring buffer where not, and says plainly when neither can be read", async () => {
    const [entries, crashes] = [await gateway.request(createCommand("request-event-entries", { level: "information", limit: 5 })), await gateway.request(createCommand("request-bsod", {}))];
    const journal = await journalHost.unavailable();
    const ringReadable = await readKernelRing(dmesgHost).then(() => true, () => false);
    if (journal === undefined || ringReadable) {
      if (journal !== undefined) console.info("no systemd journal here: checking the agent's entries from the kernel ring buffer");
      const log = journal === undefined ? "journal" : "kernel";
      const read = requestEventEntriesResult.parse(resultOf(entries)).entries;
      expect(read.every((entry) => entry.level === "information" && entry.log === log)).toBe(true);
      if (log === "kernel") expect(read.length).toBeGreaterThan(0);
      expect(requestBsodResult.parse(resultOf(crashes)).summary.collectedAt).toEqual(expect.any(String));
    } else {
      console.info("neither a systemd journal nor a readable kernel ring buffer here: checking the agent's 'unsupported' answers instead of real entries");
      for (const reply of [entries, crashes]) expect(reply).toMatchObject({ ok: false, error: { code: "unsupported", message: expect.stringContaining(journal) } });
    }
  });

  it("answers not-found for a process that has already exited but is still listed", async () => {
    const { parent, zombiePid } = await startZombie();
    sleepers.push(parent);
    const reply = await gateway.request(createCommand("kill-process", { processId: zombiePid }));
    expect(reply).toMatchObject({ ok: false, error: { code: "not-found" } });
  });

  it("sent nothing the protocol rejects", () => {
    expect(gateway.protocolErrors).toEqual([]);
  });

  it("stops cleanly on SIGTERM", async () => {
    agent.signal("SIGTERM");
    expect(await agent.exited).toEqual({ code: 0, signal: null });
    expect(agent.events("stopped")).toHaveLength(1);
    expect(agent.logs.filter((line) => line.level === "error")).toEqual([]);
  });

  it("drops a token an earlier version left beside its saved identity at start, and signs in with its secret", async () => {
    await writeFile(configPath, JSON.stringify({ gatewayUrl: gateway.url, enrollmentToken: "enroll-me" }));
    const since = gateway.received.length;
    agent = new AgentProcess(configPath);
    await gateway.waitFor(isHello, since);
    expect(gateway.upgrades.at(-1)!.headers.authorization).toBe(`Bearer ${gateway.credentials.agentId}.${gateway.credentials.agentSecret}`);
    await vi.waitFor(() => expect(agent.events("enrollment-token-removed")).toHaveLength(1));
    expect(JSON.parse(await readFile(configPath, "utf8"))).toEqual({ gatewayUrl: gateway.url });
    agent.signal("SIGTERM");
    expect(await agent.exited).toEqual({ code: 0, signal: null });
  });
});
