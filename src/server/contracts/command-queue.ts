/** Request and answer schemas of an agent's command queue (specification 002, "Send Command", "Command History"). */
import { z } from "zod";
import { RUN_COMMAND_DEFAULT_TIMEOUT_SECONDS, RUN_COMMAND_MAX_TIMEOUT_SECONDS } from "../../protocol";
import { agentIdInput } from "./agents";

export const queueCommandInput = z.strictObject({
  agentId: agentIdInput,
  type: z.literal("shell", { error: 'must be "shell"' }),
  params: z.strictObject({
    command: z.string({ error: "must be a string" }).min(1, "must not be empty").max(8192, "must be at most 8192 characters"),
    timeout: z
      .number({ error: "must be a number" })
      .int("must be a whole number of seconds")
      .min(1, "must be at least 1 second")
      .max(RUN_COMMAND_MAX_TIMEOUT_SECONDS, `must be at most ${RUN_COMMAND_MAX_TIMEOUT_SECONDS} seconds`)
      .default(RUN_COMMAND_DEFAULT_TIMEOUT_SECONDS),
  }),
});
export type QueueCommandInput = z.infer<typeof queueCommandInput>;

export const queuedCommand = z.object({ command_id: z.string(), status: z.literal("queued") });

export const COMMAND_STATUSES = ["queued", "sent", "done", "failed", "timeout"] as const;

export const commandHistoryEntry = z.object({
  command_id: z.string(),
  type: z.string(),
  status: z.enum(COMMAND_STATUSES),
  created_at: z.string(),
  completed_at: z.string().nullable(),
  created_by: z.string().nullable(),
  /** Only for `run-command`: what was asked. */
  params: z.object({ command: z.string(), timeout: z.number().int() }).optional(),
  /** Only for a finished `run-command`. */
  output: z.object({ exit_code: z.number().int().nullable(), stdout: z.string(), stderr: z.string(), timed_out: z.boolean() }).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export const commandHistory = z.array(commandHistoryEntry);
export type CommandHistoryEntry = z.infer<typeof commandHistoryEntry>;
