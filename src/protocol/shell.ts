/**
 * Interactive shell sessions: `start-shell`, `shell-input`, `stop-shell`
 * (server → agent) and streamed `shell-output` (agent → server).
 */
import { z } from "zod";
import { identifier, isoTimestamp } from "./common";
import { defineCommand, defineMessage, type CommandSpec } from "./envelope";

/** Opens PowerShell on Windows, the user's login shell elsewhere. */
export const startShellCommand = defineCommand("start-shell", {
  sessionId: identifier,
  cols: z.number().int().min(10).max(1000).optional(),
  rows: z.number().int().min(5).max(1000).optional(),
});

export const startShellResult = z.object({ sessionId: identifier, shell: z.string().max(256) });

/** Text typed in the dashboard, written as-is to the shell's stdin. */
export const shellInputCommand = defineCommand("shell-input", {
  sessionId: identifier,
  data: z.string().max(65_536),
});

export const shellInputResult = z.object({ sessionId: identifier, accepted: z.literal(true) });

/** Not in the spec's table: sent when the last dashboard viewer disconnects. */
export const stopShellCommand = defineCommand("stop-shell", { sessionId: identifier });

export const stopShellResult = z.object({ sessionId: identifier, stopped: z.literal(true) });

/** Not in the spec either: the dashboard's terminal changed size. Only a pty can follow (`resized: false` on pipes). */
export const resizeShellCommand = defineCommand("resize-shell", {
  sessionId: identifier,
  cols: z.number().int().min(10).max(1000),
  rows: z.number().int().min(5).max(1000),
});

export const resizeShellResult = z.object({ sessionId: identifier, resized: z.boolean() });

/** `exit` means the shell ended; `output` then holds a short reason. */
export const shellStream = z.enum(["stdout", "stderr", "exit"]);

export const shellOutputMessage = defineMessage("shell-output", {
  sessionId: identifier,
  stream: shellStream,
  output: z.string().max(1_048_576),
  timestamp: isoTimestamp,
});

export const shellCommands = {
  "start-shell": { command: startShellCommand, result: startShellResult },
  "shell-input": { command: shellInputCommand, result: shellInputResult },
  "stop-shell": { command: stopShellCommand, result: stopShellResult },
  "resize-shell": { command: resizeShellCommand, result: resizeShellResult },
} satisfies Record<string, CommandSpec>;

export type ShellOutputMessage = z.infer<typeof shellOutputMessage>;
