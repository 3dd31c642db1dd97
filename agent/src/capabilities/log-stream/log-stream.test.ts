/**
 * Log streams without a machine: journald followed through a recorded `journalctl -o json` sample
 * fed in pieces, the refusals that come before anything runs, and the stream bookkeeping (batches,
 * stop, lease, the agent stopping, a lost connection).
 */
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LogLine } from "../../../../src/protocol";
import type { AgentEmission } from "../../commands/command-context";
import { testCommandContext } from "../../commands/test-context";
import { refusedPath, splitLines } from "./file-tail";
import { followArguments, followJournal, type FollowedProcess, type JournalFollowHost } from "./journald";
import type { LogFollower, LogStreamCapability } from "./index";
import { LogStreams } from "./streams";

const SAMPLE = readFileSync(new URL("../event-logs/fixtures/journalctl-entries.jsonl", import.meta.url), "utf8");

function fakeJournal(unavailable?: string) {
  const spawned: string[][] = [];
  let process: (FollowedProcess & { exit: (code: number) => void; killed: boolean }) | undefined;
  const host: JournalFollowHost = {
    unavailable: async () => unavailable,
    async spawn(args) {
      spawned.push(args);
      let exit!: (code: number) => void;
      const exited = new Promise<number | null>((resolve) => (exit = resolve));
      process = { stdout: new PassThrough(), stderr: new PassThrough(), exited, exit, killed: false, kill: () => ((process!.killed = true), exit(143)) };
      return process;
    },
  };
  return { host, spawned, process: () => process! };
}

describe("journald follower", () => {
  it("turns journalctl's JSON records into lines, whatever the chunking", async () => {
    const journal = fakeJournal();
    const received: LogLine[] = [];
    await followJournal(journal.host)({ source: "journald", unit: "nginx.service" }, (lines) => received.push(...lines), new AbortController().signal);
    expect(journal.spawned).toEqual([["-f", "-o", "json", "--no-pager", "-q", "-n", "10", "-u", "nginx.service"]]);
    // Cut in the middle of the first record and of a multi-byte character's neighbourhood.
    const bytes = Buffer.from(SAMPLE);
    const stdout = journal.process().stdout as PassThrough;
    stdout.write(bytes.subarray(0, 100));
    expect(received).toEqual([]);
    stdout.write(bytes.subarray(100));
    await new Promise((resolve) => setImmediate(resolve));
    expect(received[0]).toEqual({ text: "2024/11/29 18:05:12 [emerg] 1312#1312: bind() to 0.0.0.0:80 failed (98: Address already in use)", at: "2024-11-29T18:05:12.345Z", priority: 3, source: "nginx" });
    expect(received[1]).toMatchObject({ source: "kernel", priority: 2 });
    // MESSAGE printed as bytes (not UTF-8) still reads as text.
    expect(received[2]?.text).toMatch(/^rsync: error .* done$/);
    expect(received.every((line) => line.text.length > 0 && !Number.isNaN(Date.parse(line.at)))).toBe(true);
  });

  it("answers unsupported with the reason where there is no journal, and starts nothing", async () => {
    const journal = fakeJournal("journalctl is not installed on this machine, so there is no systemd journal to read");
    await expect(followJournal(journal.host)({ source: "journald" }, () => {}, new AbortController().signal)).rejects.toMatchObject({ code: "unsupported", message: expect.stringContaining("journalctl is not installed") });
    expect(journal.spawned).toEqual([]);
  });

  it("refuses a unit that is not a unit name, and follows the whole journal without one", async () => {
    const journal = fakeJournal();
    await expect(followJournal(journal.host)({ source: "journald", unit: "--since=yesterday" }, () => {}, new AbortController().signal)).rejects.toMatchObject({ code: "invalid" });
    expect(followArguments(undefined)).not.toContain("-u");
  });

  it("stops journalctl when aborted, and reports its error when it fails by itself", async () => {
    const journal = fakeJournal();
    const abort = new AbortController();
    const { finished } = await followJournal(journal.host)({ source: "journald" }, () => {}, abort.signal);
    abort.abort();
    await expect(finished).resolves.toBeUndefined();
    expect(journal.process().killed).toBe(true);

    const failing = fakeJournal();
    const started = await followJournal(failing.host)({ source: "journald" }, () => {}, new AbortController().signal);
    (failing.process().stderr as PassThrough).write("Failed to open journal: Permission denied\n");
    await new Promise((resolve) => setImmediate(resolve));
    failing.process().exit(1);
    await expect(started.finished).rejects.toThrow("Failed to open journal: Permission denied");
  });
});

describe("file paths", () => {
  it("accepts absolute paths only, without '..'", () => {
    expect(refusedPath("/var/log/syslog", "linux")).toBeUndefined();
    expect(refusedPath("var/log/syslog", "linux")).toMatch(/absolute/);
    expect(refusedPath("/var/log/../../etc/shadow", "linux")).toMatch(/'\.\.'/);
    expect(refusedPath("C:\\logs\\app.log", "win32")).toBeUndefined();
    expect(refusedPath("C:\\logs\\..\\Windows\\win.ini", "win32")).toMatch(/'\.\.'/);
    expect(refusedPath("\\\\server\\share\\app.log", "win32")).toMatch(/absolute/);
  });

  it("splits complete lines and keeps the unfinished one", () => {
    expect(splitLines("a\r\nb\nhalf")).toEqual({ lines: ["a", "b"], rest: "half" });
    expect(splitLines("no newline yet")).toEqual({ lines: [], rest: "no newline yet" });
  });
});

/** A capability whose sources the test drives by hand. */
function scriptedSource() {
  const state: { sink?: (lines: LogLine[]) => void; signal?: AbortSignal; fail?: (error: Error) => void } = {};
  const follow: LogFollower = async (_request, sink, signal) => {
    state.sink = sink;
    state.signal = signal;
    return { finished: new Promise<void>((resolve, reject) => ((state.fail = reject), signal.addEventListener("abort", () => resolve()))) };
  };
  const capability: LogStreamCapability = { journald: follow, file: follow };
  return { capability, state };
}

const line = (text: string): LogLine => ({ text, at: "2026-01-01T00:00:00.000Z" });
const start = { type: "stream-logs-start" as const, commandId: "0b5e7e2c-4a8f-4a3e-9d41-7c1f3b2a9e10", streamId: "s1", source: "file" as const, path: "/var/log/app.log" };

describe("log streams on the agent", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends lines in batches, renews on a second start, and says when it stopped", async () => {
    const { capability, state } = scriptedSource();
    const emitted: AgentEmission[] = [];
    const streams = new LogStreams(capability, { batchMs: 100, leaseMs: 60_000 });
    expect(await streams.start(start, testCommandContext(emitted))).toEqual({ streamId: "s1", state: "started" });
    state.sink!([line("one")]);
    state.sink!([line("two"), line("three")]);
    expect(emitted).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(emitted).toEqual([{ type: "log-lines", streamId: "s1", lines: [line("one"), line("two"), line("three")] }]);
    expect(await streams.start(start, testCommandContext(emitted))).toEqual({ streamId: "s1", state: "renewed" });
    state.sink!([line("last")]);
    expect(streams.stop("s1", "stopped")).toBe(true);
    // Lines read before the stop are still sent, then the end.
    expect(emitted.slice(1)).toEqual([
      { type: "log-lines", streamId: "s1", lines: [line("last")] },
      { type: "log-lines", streamId: "s1", lines: [], ended: { reason: "stopped" } },
    ]);
    expect(state.signal!.aborted).toBe(true);
    expect(streams.stop("s1", "stopped")).toBe(false);
  });

  it("ends a stream whose lease nobody renewed", async () => {
    const { capability, state } = scriptedSource();
    const emitted: AgentEmission[] = [];
    const streams = new LogStreams(capability, { batchMs: 100, leaseMs: 1_000 });
    await streams.start(start, testCommandContext(emitted));
    await vi.advanceTimersByTimeAsync(600);
    await streams.start(start, testCommandContext(emitted));
    await vi.advanceTimersByTimeAsync(600);
    expect(streams.size).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(streams.size).toBe(0);
    expect(state.signal!.aborted).toBe(true);
    expect(emitted.at(-1)).toEqual({ type: "log-lines", streamId: "s1", lines: [], ended: { reason: "lease-expired" } });
  });

  it("ends every stream when the agent stops, and a stream that cannot send", async () => {
    const { capability, state } = scriptedSource();
    const agentStop = new AbortController();
    const streams = new LogStreams(capability);
    await streams.start(start, testCommandContext([], agentStop.signal));
    agentStop.abort();
    expect(streams.size).toBe(0);
    expect(state.signal!.aborted).toBe(true);

    const disconnected = { ...testCommandContext(), emit: () => false };
    await streams.start({ ...start, streamId: "s2" }, disconnected);
    state.sink!([line("nobody hears this")]);
    await vi.advanceTimersByTimeAsync(100);
    expect(streams.size).toBe(0);
  });

  it("reports a source that fails, and forgets a stream that could not start", async () => {
    const { capability, state } = scriptedSource();
    const emitted: AgentEmission[] = [];
    const streams = new LogStreams(capability);
    await streams.start(start, testCommandContext(emitted));
    state.fail!(new Error("EIO: i/o error, read"));
    await vi.advanceTimersByTimeAsync(0);
    expect(emitted.at(-1)).toEqual({ type: "log-lines", streamId: "s1", lines: [], ended: { reason: "failed", message: "EIO: i/o error, read" } });

    const refusing = new LogStreams({ ...capability, file: async () => Promise.reject(new Error("no such file")) });
    await expect(refusing.start(start, testCommandContext())).rejects.toThrow("no such file");
    expect(refusing.size).toBe(0);
  });
});
