/**
 * Self-update of the real Linux executable, run the way the systemd unit runs it (`run --service`,
 * restarted when it exits with 75). The gateway offers the same executable under a higher version:
 * the agent downloads it with its own credential, checks it, swaps it in and asks for a restart;
 * the restarted executable still reports the old version, so it recognises that the update did not
 * take and reports it, and a second offer of that version is refused without a download. (The
 * confirmation and the timed rollback of a version that does come up are covered, on real files,
 * by src/update/updater.int.test.ts.)
 */
import { createHash } from "node:crypto";
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAgent } from "../build/build-agent";
import { TARGETS } from "../build/targets";
import { AGENT_VERSION } from "../src/version";
import { AgentProcess } from "./agent-process";
import { FakeGateway, isHello, isUpdateStatus } from "./fake-gateway";

const EXIT_RESTART = 75;
const OFFERED = "99.0.0";
const linuxExecutable = TARGETS.find((target) => target.name === "linux-x64")!.output;

describe.skipIf(process.platform !== "linux")("self-update of the Linux executable", () => {
  let directory: string;
  let gateway: FakeGateway;
  let binary: string;
  let agent: AgentProcess | undefined;
  let offer: { type: "agent-update-available"; version: string; sha256: string; size: number };

  const start = () => (agent = new AgentProcess("", { executable: binary, args: ["run", "--service"] }));

  beforeAll(async () => {
    await buildAgent({ log: () => {} });
    directory = await mkdtemp(path.join(os.tmpdir(), "rmm-agent-selfupdate-"));
    binary = path.join(directory, "rmm-agent");
    await copyFile(linuxExecutable, binary);
    gateway = await FakeGateway.start({ enrollmentToken: "enroll-me", metricsIntervalMs: 60_000 });
    await writeFile(path.join(directory, "server.json"), JSON.stringify({ gatewayUrl: gateway.url, enrollmentToken: "enroll-me" }));
    const body = await readFile(linuxExecutable);
    gateway.release = { version: OFFERED, body };
    offer = { type: "agent-update-available", version: OFFERED, sha256: createHash("sha256").update(body).digest("hex"), size: body.length };
  }, 10 * 60_000);

  afterAll(async () => {
    if (agent?.running) agent.signal("SIGKILL");
    await gateway?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it("downloads the offered release with its own credential, swaps it in and exits for a restart", async () => {
    const running = start();
    await gateway.waitFor(isHello);
    const since = gateway.received.length;
    gateway.send(offer);
    expect(await running.exited).toEqual({ code: EXIT_RESTART, signal: null });
    const statuses = gateway.received.slice(since).filter(isUpdateStatus).map((message) => message.state);
    expect(statuses).toEqual(["downloading", "installing"]);
    expect(gateway.downloads).toEqual([{ url: `/update?version=${OFFERED}`, status: 200 }]);
    expect((await readdir(directory)).sort()).toEqual(["agent-state.json", "rmm-agent", "rmm-agent.old", "server.json", "update-state.json"]);
    expect(JSON.parse(await readFile(path.join(directory, "update-state.json"), "utf8"))).toMatchObject({ state: "pending", fromVersion: AGENT_VERSION, toVersion: OFFERED });
  }, 60_000);

  it("restarted, reports that the new version did not take, cleans up, and refuses the same offer", async () => {
    const since = gateway.received.length;
    const running = start();
    const report = await gateway.waitFor(isUpdateStatus, since);
    expect(report).toEqual({ type: "agent-update-status", version: OFFERED, state: "rolled-back", message: `still running ${AGENT_VERSION} after the update to ${OFFERED}` });
    await expect.poll(async () => (await readdir(directory)).sort()).toEqual(["agent-state.json", "rmm-agent", "server.json"]);

    const again = gateway.received.length;
    gateway.send(offer);
    expect(await gateway.waitFor(isUpdateStatus, again)).toMatchObject({ state: "rolled-back" });
    expect(gateway.downloads).toHaveLength(1);

    running.signal("SIGTERM");
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(gateway.protocolErrors).toEqual([]);
  }, 60_000);
});
