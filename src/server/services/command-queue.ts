/**
 * An agent's command queue (specification 002): a shell command is stored and delivered when the
 * agent is, or next comes, online; the caller does not wait. History shows the last commands of
 * every type, with output only for the queue's own `run-command`.
 *
 * Expiry: the spec says a command "expires after the timeout", and its timeout is how long it may
 * run. A queued command may wait COMMAND_QUEUE_TTL_MS for the agent to connect, then has its timeout
 * to finish; past that a gateway no longer delivers it and history reports it `timeout`.
 */
import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { runCommandResult, type CommandPayload } from "../../protocol";
import type { Db } from "../db/client";
import type { CommandHistoryEntry, QueueCommandInput } from "../contracts/command-queue";
import { commands } from "../db/schema";
import { queueCommand } from "./agent-commands";
import { recordAudit } from "./audit";
import type { ServiceContext } from "./service-context";

export const COMMAND_QUEUE_TTL_MS = 60 * 60 * 1000;
export const COMMAND_HISTORY_LIMIT = 100;

export async function queueShellCommand(ctx: ServiceContext, input: QueueCommandInput, now = new Date()): Promise<{ command_id: string; status: "queued" }> {
  const id = randomUUID();
  const { command, timeout } = input.params;
  await queueCommand(ctx.db, {
    id,
    agentId: input.agentId,
    type: "run-command",
    payload: { command, timeoutSeconds: timeout },
    createdBy: ctx.actor.username,
    expiresAt: new Date(now.getTime() + COMMAND_QUEUE_TTL_MS + timeout * 1000),
  });
  await ctx.audit({ action: "agent.command.queue", target: input.agentId, details: { commandId: id, command, timeoutSeconds: timeout } });
  return { command_id: id, status: "queued" };
}

export async function commandHistory(ctx: Pick<ServiceContext, "db">, agentId: string, now = new Date()): Promise<CommandHistoryEntry[]> {
  const rows = await ctx.db.select().from(commands).where(eq(commands.agentId, agentId)).orderBy(desc(commands.createdAt), desc(commands.id)).limit(COMMAND_HISTORY_LIMIT);
  return rows.map((row) => {
    // No gateway delivers an open command past its expiry (command-delivery.ts); a late answer still lands.
    const expired = (row.status === "queued" || row.status === "sent") && row.expiresAt <= now;
    const entry: CommandHistoryEntry = {
      command_id: row.id,
      type: row.type,
      status: expired ? "timeout" : row.status,
      created_at: row.createdAt.toISOString(),
      completed_at: row.completedAt?.toISOString() ?? null,
      created_by: row.createdBy,
      output: null,
      error: row.error ?? null,
    };
    if (row.type !== "run-command") return entry;
    const payload = row.payload as CommandPayload<"run-command">;
    const result = row.status === "done" ? runCommandResult.safeParse(row.result) : null;
    return {
      ...entry,
      params: { command: payload.command, timeout: payload.timeoutSeconds },
      output: result?.success ? { exit_code: result.data.exitCode, stdout: result.data.stdout, stderr: result.data.stderr, timed_out: result.data.timedOut } : null,
    };
  });
}

/** How a queued shell command ended, as the agent reported it, beside its request in the audit log. */
export async function recordRunCommandOutcome(
  db: Db,
  input: { commandId: string; agentId: string; requestedBy: string | null; payload: Record<string, unknown>; status: "done" | "failed"; result?: unknown; error?: { code: string; message: string } },
): Promise<void> {
  const result = input.status === "done" ? runCommandResult.safeParse(input.result) : null;
  await recordAudit(db, {
    actor: null,
    action: "agent.command.result",
    target: input.agentId,
    success: result?.success === true && result.data.exitCode === 0,
    details: {
      commandId: input.commandId,
      requestedBy: input.requestedBy,
      command: input.payload.command,
      ...(result?.success ? { exitCode: result.data.exitCode, timedOut: result.data.timedOut } : { error: input.error?.message ?? "malformed result" }),
    },
  });
}
