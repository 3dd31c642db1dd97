/**
 * Self-update on real files in a temporary folder: download (from a stand-in fetch), checks,
 * swap, restart request, confirmation by the new version, and rollback when it does not connect.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AgentUpdateStatusMessage } from "../../../src/protocol";
import { createLogger } from "../log";
import { Updater, type UpdaterOptions } from "./updater";

const OLD = Buffer.from("old agent executable");
const NEW = Buffer.from("new agent executable, somewhat longer");
const offer = { type: "agent-update-available" as const, version: "0.2.0", sha256: createHash("sha256").update(NEW).digest("hex"), size: NEW.length };

let directory: string;
let binary: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "rmm-agent-update-"));
  binary = path.join(directory, "rmm-agent");
  await writeFile(binary, OLD, { mode: 0o755 });
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function updater(overrides: Partial<UpdaterOptions> & { body?: Buffer } = {}) {
  const sent: AgentUpdateStatusMessage[] = [];
  const restarts: string[] = [];
  const requests: { url: string; authorization: string }[] = [];
  const body = overrides.body ?? NEW;
  const instance = new Updater({
    currentVersion: "0.1.0",
    binary,
    cannotUpdate: null,
    gatewayUrl: "wss://rmm.example/agent",
    authorization: () => "Bearer agent-1.secret",
    send: (message) => sent.push(message),
    restart: (reason) => restarts.push(reason),
    log: createLogger(() => {}),
    fetch: async (url, init) => {
      requests.push({ url: String(url), authorization: new Headers(init?.headers).get("authorization") ?? "" });
      return new Response(new Uint8Array(body));
    },
    ...overrides,
  });
  return { instance, sent, restarts, requests };
}

const states = (sent: AgentUpdateStatusMessage[]) => sent.map((message) => message.state);

describe("self-update", () => {
  it("downloads the offered release with its own credential, swaps it in and asks for a restart", async () => {
    const { instance, sent, restarts, requests } = updater();
    instance.onOffer(offer);
    await vi.waitFor(() => expect(restarts).toEqual(["updating to 0.2.0"]));
    expect(requests).toEqual([{ url: "https://rmm.example/agent/update?version=0.2.0", authorization: "Bearer agent-1.secret" }]);
    expect(states(sent)).toEqual(["downloading", "installing"]);
    expect(await readFile(binary)).toEqual(NEW);
    expect(await readFile(`${binary}.old`)).toEqual(OLD);
    expect(JSON.parse(await readFile(path.join(directory, "update-state.json"), "utf8"))).toMatchObject({ state: "pending", fromVersion: "0.1.0", toVersion: "0.2.0" });
  });

  it.each([
    ["a different file", Buffer.from("tampered executable, same length.....")],
    ["a longer file", Buffer.concat([NEW, Buffer.from("more")])],
    ["a shorter file", NEW.subarray(1)],
  ])("refuses %s than the one offered and keeps running the installed version", async (_case, body) => {
    const { instance, sent, restarts } = updater({ body });
    instance.onOffer(offer);
    await vi.waitFor(() => expect(states(sent)).toEqual(["downloading", "failed"]));
    expect(sent[1]?.message).toMatch(/SHA-256 mismatch|larger than|received/);
    expect(restarts).toEqual([]);
    expect(await readFile(binary)).toEqual(OLD);
    expect(await readdir(directory)).toEqual(["rmm-agent"]);
  });

  it("confirms the new version once it has connected, and removes the previous one", async () => {
    const first = updater();
    first.instance.onOffer(offer);
    await vi.waitFor(() => expect(first.restarts).toHaveLength(1));

    const restarted = updater({ currentVersion: "0.2.0", confirmWithinMs: 60_000 });
    await restarted.instance.resume();
    await restarted.instance.onConnected();
    restarted.instance.stop();
    expect(await readdir(directory)).toEqual(["rmm-agent"]);
    expect(await readFile(binary)).toEqual(NEW);
    expect(restarted.sent).toEqual([]);
    expect(restarted.restarts).toEqual([]);
  });

  it("restores the previous version when the new one does not connect in time; that one reports the rollback once connected", async () => {
    const first = updater();
    first.instance.onOffer(offer);
    await vi.waitFor(() => expect(first.restarts).toHaveLength(1));

    const restarted = updater({ currentVersion: "0.2.0", confirmWithinMs: 50 });
    await restarted.instance.resume();
    await vi.waitFor(() => expect(restarted.restarts).toEqual(["rolling back to 0.1.0"]));
    expect(await readFile(binary)).toEqual(OLD);

    const previous = updater();
    await previous.instance.resume();
    await previous.instance.onConnected();
    expect(previous.sent).toEqual([{ type: "agent-update-status", version: "0.2.0", state: "rolled-back", message: "0.2.0 did not connect within 0.05 s" }]);
    expect(await readdir(directory)).toEqual(["rmm-agent"]);

    // A gateway that has not heard of the rollback yet offers it again: refused, not downloaded.
    previous.instance.onOffer(offer);
    expect(states(previous.sent)).toEqual(["rolled-back", "rolled-back"]);
    expect(previous.requests).toEqual([]);
  });

  it("declines when it cannot be restarted into a new version", () => {
    const { instance, sent, requests } = updater({ cannotUpdate: "not installed as a service" });
    instance.onOffer(offer);
    expect(sent).toEqual([{ type: "agent-update-status", version: "0.2.0", state: "declined", message: "not installed as a service" }]);
    expect(requests).toEqual([]);
  });
});
