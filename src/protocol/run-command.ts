/**
 * One shell command run to completion (`run-command`, the `/api/agents/{id}/commands` queue): the
 * text is data, handed to the platform shell as a single argument, never spliced into a command
 * line. Output is capped per stream so a chatty command cannot exceed the message limit.
 */
import { z } from "zod";
import { defineCommand, type CommandSpec } from "./envelope";

export const RUN_COMMAND_MAX_TIMEOUT_SECONDS = 300;
export const RUN_COMMAND_DEFAULT_TIMEOUT_SECONDS = 30;
/** Per stream; longer output is cut and ends with RUN_COMMAND_TRUNCATED. */
export const RUN_COMMAND_MAX_OUTPUT_BYTES = 1024 * 1024;
export const RUN_COMMAND_TRUNCATED = "\n[output truncated]";

export const runCommandCommand = defineCommand("run-command", {
  command: z.string().min(1).max(8192),
  timeoutSeconds: z.number().int().min(1).max(RUN_COMMAND_MAX_TIMEOUT_SECONDS),
});

const capturedOutput = z.string().max(RUN_COMMAND_MAX_OUTPUT_BYTES + RUN_COMMAND_TRUNCATED.length);

export const runCommandResult = z.object({
  /** null when the process was killed (timeout) or ended by a signal. */
  exitCode: z.number().int().nullable(),
  stdout: capturedOutput,
  stderr: capturedOutput,
  timedOut: z.boolean(),
  durationMs: z.number().int().nonnegative(),
});

export const runCommandCommands = {
  "run-command": { command: runCommandCommand, result: runCommandResult },
} satisfies Record<string, CommandSpec>;

export type RunCommandResult = z.infer<typeof runCommandResult>;
