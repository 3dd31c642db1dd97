/**
 * The systemd journal followed live: `journalctl -f -o json [-u unit]`, its arguments an array
 * (never a shell) and the unit name checked first. Where there is no journal (journalctl missing,
 * no journal files: containers, syslog-only machines) the start answers `unsupported` with the
 * reason, instead of a stream that stays silent forever.
 */
import { spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { MAX_LOG_LINE_LENGTH, type LogLine } from "../../../../src/protocol";
import { CommandError } from "../../command-error";
import { parseJournalRecords } from "../event-logs/journald-parse";
import { findJournalctl, journalHost, NO_JOURNALCTL } from "../event-logs/linux";
import type { LogFollower } from "./index";

/** A unit as systemd names it; the leading character can never make it an option. */
const UNIT_NAME = /^[A-Za-z0-9_:.@\\][A-Za-z0-9_:.@\\-]*$/;

export type FollowedProcess = { stdout: Readable; stderr: Readable; exited: Promise<number | null>; kill: () => void };

/** What following needs from the machine, injected so that it is tested with recorded output. */
export type JournalFollowHost = {
  /** Why the journal cannot be read, or undefined when it can. */
  unavailable(): Promise<string | undefined>;
  /** Starts journalctl; rejects when it cannot be started. */
  spawn(args: string[]): Promise<FollowedProcess>;
};

export function followArguments(unit: string | undefined): string[] {
  // -n 10: the latest lines first, as `tail -f` shows; -q: no "-- No entries --" banners.
  return ["-f", "-o", "json", "--no-pager", "-q", "-n", "10", ...(unit ? ["-u", unit] : [])];
}

/** The journal's records as log lines (a record without a time is dropped, as by the event log reader). */
export function journalLines(output: string): LogLine[] {
  return parseJournalRecords(output).map((record) => ({
    text: record.message.slice(0, MAX_LOG_LINE_LENGTH),
    at: record.at,
    ...(record.priority >= 0 && record.priority <= 7 ? { priority: record.priority } : {}),
    source: record.source.slice(0, 256),
  }));
}

export function followJournal(host: JournalFollowHost): LogFollower {
  return async ({ unit }, sink, signal) => {
    if (unit !== undefined && !UNIT_NAME.test(unit)) throw new CommandError("invalid", `'${unit}' is not a systemd unit name`);
    const reason = await host.unavailable();
    if (reason) throw new CommandError("unsupported", reason);
    const child = await host.spawn(followArguments(unit));
    const decoder = new StringDecoder("utf8");
    let partial = "";
    child.stdout.on("data", (chunk: Buffer) => {
      const text = partial + decoder.write(chunk);
      const end = text.lastIndexOf("\n");
      partial = text.slice(end + 1);
      if (end >= 0) sink(journalLines(text.slice(0, end)));
    });
    let firstError = "";
    child.stderr.on("data", (chunk: Buffer) => (firstError ||= chunk.toString("utf8").trim().split("\n")[0] ?? ""));
    signal.addEventListener("abort", () => child.kill(), { once: true });
    const finished = child.exited.then((code) => {
      if (!signal.aborted && code !== 0) throw new Error(firstError || `journalctl exited with code ${code}`);
    });
    return { finished };
  };
}

export const journalFollowHost: JournalFollowHost = {
  unavailable: () => journalHost.unavailable(),
  async spawn(args) {
    const binary = await findJournalctl();
    if (!binary) throw new CommandError("unsupported", NO_JOURNALCTL);
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, SYSTEMD_COLORS: "0", LC_ALL: "C" } });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "ENOENT" ? new CommandError("unsupported", NO_JOURNALCTL) : error));
    });
    return {
      stdout: child.stdout,
      stderr: child.stderr,
      exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
      kill: () => child.kill("SIGTERM"),
    };
  },
};
