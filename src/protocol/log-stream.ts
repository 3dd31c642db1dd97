/**
 * Following a log live (specification 002's log stream): `stream-logs-start` and `stream-logs-stop`
 * (server → agent) and batched `log-lines` (agent → server). A start for a stream that already runs
 * renews its lease: the agent stops a stream nobody renewed within `LOG_STREAM_LEASE_MS`, so a
 * server that vanished without saying stop leaves nothing running on the endpoint.
 */
import { z } from "zod";
import { identifier, isoTimestamp } from "./common";
import { defineCommand, defineMessage, type CommandSpec } from "./envelope";

export const LOG_STREAM_LEASE_MS = 60_000;
/** Lines of one `log-lines` message, and characters of one line (longer lines are cut). */
export const MAX_LOG_LINES_PER_MESSAGE = 500;
export const MAX_LOG_LINE_LENGTH = 16_384;

export const logStreamSource = z.enum(["journald", "file"]);

/** A systemd unit name (`nginx`, `nginx.service`, `getty@tty1.service`); never an option or a pattern. */
export const journalUnit = z.string().min(1).max(256).regex(/^[A-Za-z0-9_:.@\\][A-Za-z0-9_:.@\\-]*$/, "must be a systemd unit name");

/** An absolute path on the endpoint (POSIX or a Windows drive path); the agent refuses `..` segments. */
export const logFilePath = z.string().min(1).max(4096);

export const startLogStreamCommand = defineCommand("stream-logs-start", {
  streamId: identifier,
  source: logStreamSource,
  unit: journalUnit.optional(),
  path: logFilePath.optional(),
});

export const startLogStreamResult = z.object({ streamId: identifier, state: z.enum(["started", "renewed"]) });

export const stopLogStreamCommand = defineCommand("stream-logs-stop", { streamId: identifier });

export const stopLogStreamResult = z.object({ streamId: identifier, stopped: z.boolean() });

export const logLine = z.object({
  text: z.string().max(MAX_LOG_LINE_LENGTH),
  /** When the line was logged (journald), or read (file). */
  at: isoTimestamp,
  /** journald only: syslog priority 0 (emergency) .. 7 (debug), and the program or unit that logged it. */
  priority: z.number().int().min(0).max(7).optional(),
  source: z.string().max(256).optional(),
});

/** Lines in the order they were logged; `ended` says the stream stopped on the agent (and why, on failure). */
export const logLinesMessage = defineMessage("log-lines", {
  streamId: identifier,
  lines: z.array(logLine).max(MAX_LOG_LINES_PER_MESSAGE),
  ended: z.object({ reason: z.enum(["stopped", "failed", "lease-expired"]), message: z.string().max(1024).optional() }).optional(),
});

export const logStreamCommands = {
  "stream-logs-start": { command: startLogStreamCommand, result: startLogStreamResult },
  "stream-logs-stop": { command: stopLogStreamCommand, result: stopLogStreamResult },
} satisfies Record<string, CommandSpec>;

export type LogStreamSource = z.infer<typeof logStreamSource>;
export type LogLine = z.infer<typeof logLine>;
export type LogLinesMessage = z.infer<typeof logLinesMessage>;
