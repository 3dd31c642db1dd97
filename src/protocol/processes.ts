/** Process snapshot and termination: `list-processes`, `kill-process`. */
import { z } from "zod";
import { byteCount, isoTimestamp, percent, processId } from "./common";
import { defineCommand, type CommandSpec } from "./envelope";
import { systemLoad } from "./metrics";

export const processInfo = z.object({
  pid: processId,
  ppid: processId.optional(),
  name: z.string().max(1024),
  user: z.string().max(256).optional(),
  /** Share of the whole machine (all cores), like Task Manager. */
  cpuPercent: percent,
  memoryBytes: byteCount,
  command: z.string().max(32_768).optional(),
});

export const listProcessesCommand = defineCommand("list-processes", {});

export const listProcessesResult = z.object({
  processes: z.array(processInfo).max(100_000),
  ...systemLoad.shape,
  collectedAt: isoTimestamp,
});

export const killProcessCommand = defineCommand("kill-process", {
  processId: z.number().int().positive(),
});

/** An unknown pid is answered with error code `not-found` instead. */
export const killProcessResult = z.object({
  processId: z.number().int().positive(),
  killed: z.literal(true),
});

export const processCommands = {
  "list-processes": { command: listProcessesCommand, result: listProcessesResult },
  "kill-process": { command: killProcessCommand, result: killProcessResult },
} satisfies Record<string, CommandSpec>;

export type ProcessInfo = z.infer<typeof processInfo>;
export type ListProcessesResult = z.infer<typeof listProcessesResult>;
export type KillProcessResult = z.infer<typeof killProcessResult>;
