/**
 * The agent's end of life, from source against a fake gateway: it removes itself when asked to
 * uninstall, stops for good when its socket is closed as removed (4001), and stops retrying once
 * its credentials have been refused for the whole give-up window. Each test runs its own agent
 * in its own folder.
 */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCommand } from "../../src/protocol";
import { AgentProcess } from "./agent-process";
import { FakeGateway, isHello, isUpdateStatus } from "./fake-gateway";

const EXIT_REVOKED = 78;

describe.skipIf(process.platform !== "linux")("agent lifecycle (Linux, from source) against a fake gateway", () => {
  let directory: string;
  let gateway: FakeGateway;
  let agent: AgentProcess | undefined;

  async function startAgent(env: Record<string, string> = {}): Promise<AgentProcess> {
    await writeFile(path.join(directory, "server.json"), JSON.stringify({ gatewayUrl: gateway.url, enrollmentToken: "enroll-me" }));
    agent = new AgentProcess(path.join(directory, "server.json"), { env });
    await gateway.waitFor(isHello);
    return agent;
  }

  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "rmm-agent-life-"));
    gateway = await FakeGateway.start({ enrollmentToken: "enroll-me", metricsIntervalMs: 60_000 });
  });

  afterEach(async () => {
    if (agent?.running) agent.signal("SIGKILL");
    agent = undefined;
    await gateway.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("acknowledges uninstall, then deletes its credentials and server.json and exits (run by hand: the folder is the user's)", async () => {
    const running = await startAgent();
    // The identity is saved before hello; the token is removed from server.json right after.
    await vi.waitFor(() => expect(running.events("enrollment-token-removed")).toHaveLength(1));
    expect((await readdir(directory)).sort()).toEqual(["agent-state.json", "server.json"]);

    const reply = await gateway.request(createCommand("uninstall", {}));
    expect(reply).toMatchObject({ ok: true, result: { mode: "files" } });
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(await readdir(directory)).toEqual([]);
    expect(running.events("uninstalled")).toHaveLength(1);
  });

  it("stops for good, with the exit code systemd does not restart, when the gateway closes it as removed (4001)", async () => {
    const running = await startAgent();
    const upgrades = gateway.upgrades.length;
    gateway.closeAgent(4001, "agent removed");
    expect(await running.exited).toEqual({ code: EXIT_REVOKED, signal: null });
    expect(running.events("revoked")).toMatchObject([{ level: "error", detail: "removed" }]);
    expect(gateway.upgrades).toHaveLength(upgrades);
  });

  it("keeps retrying refused credentials for the give-up window, then stops", async () => {
    const running = await startAgent({ RMM_AGENT_TEST_TIMINGS: JSON.stringify({ giveUpAfterRefusedMs: 2_000 }) });
    gateway.revoke();
    gateway.dropAgent();
    expect(await running.exited).toEqual({ code: EXIT_REVOKED, signal: null });
    const refused = gateway.upgrades.filter((upgrade) => !upgrade.accepted);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(running.events("revoked")).toMatchObject([{ detail: "refused" }]);
    // Its credentials stay: if the refusal was a mistake, starting it again is enough.
    expect((await readdir(directory)).sort()).toEqual(["agent-state.json", "server.json"]);
  });

  it("declines a self-update when it is not a service that can be restarted into it", async () => {
    await startAgent();
    const since = gateway.received.length;
    gateway.send({ type: "agent-update-available", version: "99.0.0", sha256: "a".repeat(64), size: 10 });
    expect(await gateway.waitFor(isUpdateStatus, since)).toEqual({ type: "agent-update-status", version: "99.0.0", state: "declined", message: "running from source" });
    expect(gateway.downloads).toEqual([]);
  });

  it("sent nothing the protocol rejects", async () => {
    await startAgent();
    expect(gateway.protocolErrors).toEqual([]);
  });
});
