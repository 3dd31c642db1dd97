/**
 * Commands from the bus to the agents this gateway holds, and their results back into the table.
 * Delivery claims the row (queued -> sent) with a conditional update, so a notification that
 * arrives twice, or reaches two gateways, sends the command once.
 */
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { parseCommandResult, serverCommand, type CommandResultMessage, type CommandType } from "../protocol";
import { CHANNELS } from "../server/bus/channels";
import type { Db } from "../server/db/client";
import { commands } from "../server/db/schema";
import { recordRunCommandOutcome } from "../server/services/command-queue";

type Outcome = { status: "done" | "failed"; result?: unknown; error?: { code: string; message: string } };

export type SendToAgent = (agentId: string, message: unknown) => boolean;

/**
 * The statements every command runs, prepared once per pooled connection. An ordinary drizzle query
 * is sent unprepared, which postgres.js runs as two round trips (describe, then execute) with a
 * fresh parse and plan each time; prepared, it is one round trip. The result is stored and its
 * NOTIFY sent by one statement (a data-modifying CTE), so no BEGIN/COMMIT round trips either.
 */
function prepareStatements(db: Db) {
  const finish = (status: "done" | "failed") => {
    const json = (name: string) => sql`${sql.placeholder(name)}::jsonb`;
    const outcome = status === "done" ? { result: json("result"), error: null } : { result: null, error: json("error") };
    const finished = db.$with("finished").as(
      db
        .update(commands)
        .set({ status, ...outcome, completedAt: sql`${sql.placeholder("completedAt")}::timestamptz` })
        .where(and(eq(commands.id, sql.placeholder("id")), eq(commands.agentId, sql.placeholder("agentId")), inArray(commands.status, ["queued", "sent"])))
        .returning({ id: commands.id }),
    );
    return db
      .with(finished)
      .select({ notified: sql`pg_notify(${CHANNELS.commandFinished}, ${finished.id}::text)` })
      .from(finished)
      .prepare(`finish_command_${status}`);
  };
  return {
    claimQueued: db
      .update(commands)
      .set({ status: "sent", sentAt: sql`${sql.placeholder("now")}::timestamptz` })
      .where(and(eq(commands.id, sql.placeholder("id")), eq(commands.status, "queued"), gt(commands.expiresAt, sql`${sql.placeholder("now")}::timestamptz`)))
      .returning()
      .prepare("claim_queued_command"),
    findCommand: db
      .select({ type: commands.type, status: commands.status, payload: commands.payload, createdBy: commands.createdBy })
      .from(commands)
      .where(and(eq(commands.id, sql.placeholder("id")), eq(commands.agentId, sql.placeholder("agentId"))))
      .prepare("find_agent_command"),
    finishDone: finish("done"),
    finishFailed: finish("failed"),
  };
}

export class CommandDelivery {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly db: Db,
    private readonly send: SendToAgent,
    private readonly isLocal: (agentId: string) => boolean,
  ) {
    this.statements = prepareStatements(db);
  }

  /** From a `commandQueued` notification (`<commandId>:<agentId>`). */
  onQueued(payload: string): void {
    const [commandId, agentId] = payload.split(":");
    if (commandId && agentId && this.isLocal(agentId)) void this.deliver(commandId).catch((error: unknown) => console.error("[gateway] delivery failed:", error));
  }

  /**
   * Everything still queued for these agents: after a LISTEN reconnect, or when an agent says hello.
   * On hello (`resendInFlight`), commands sent over a socket that dropped before the reply are sent
   * again with the same id: the agent runs an id at most once and re-sends its stored reply.
   */
  async deliverPending(agentIds: string[], options: { resendInFlight?: boolean } = {}): Promise<void> {
    if (agentIds.length === 0) return;
    const statuses: ("queued" | "sent")[] = options.resendInFlight ? ["queued", "sent"] : ["queued"];
    const rows = await this.db
      .select({ id: commands.id })
      .from(commands)
      .where(and(inArray(commands.agentId, agentIds), inArray(commands.status, statuses), gt(commands.expiresAt, new Date())))
      .orderBy(asc(commands.createdAt));
    for (const row of rows) await this.deliver(row.id, statuses);
  }

  private async deliver(commandId: string, claimable: ("queued" | "sent")[] = ["queued"]): Promise<void> {
    const now = new Date();
    const [row] =
      claimable.length === 1 && claimable[0] === "queued"
        ? await this.statements.claimQueued.execute({ id: commandId, now: now.toISOString() })
        : await this.db
            .update(commands)
            .set({ status: "sent", sentAt: now })
            .where(and(eq(commands.id, commandId), inArray(commands.status, claimable), gt(commands.expiresAt, now)))
            .returning();
    if (!row) return;
    const message = serverCommand.safeParse({ ...row.payload, type: row.type, commandId: row.id });
    if (!message.success) return this.finish(row.id, row.agentId, { status: "failed", error: { code: "invalid", message: `not a valid '${row.type}' command` } });
    if (!this.send(row.agentId, message.data)) {
      // The socket closed between the notification and now: put it back for the next connection.
      await this.db.update(commands).set({ status: "queued", sentAt: null }).where(eq(commands.id, row.id));
    }
  }

  /** A `command-result` from an agent: only for a command of that very agent that is in flight. */
  async onResult(agentId: string, message: CommandResultMessage): Promise<"stored" | "unknown"> {
    const [row] = await this.statements.findCommand.execute({ id: message.commandId, agentId });
    if (!row || row.status !== "sent") return "unknown";
    const parsed = message.ok ? parseCommandResult(row.type as CommandType, message.result) : null;
    const outcome: Outcome = !message.ok
      ? { status: "failed", error: message.error }
      : parsed?.success
        ? { status: "done", result: parsed.data }
        : { status: "failed", error: { code: "invalid", message: `malformed result: ${parsed?.error?.issues[0]?.message ?? "invalid"}` } };
    await this.finish(message.commandId, agentId, outcome);
    if (row.type === "run-command") await recordRunCommandOutcome(this.db, { commandId: message.commandId, agentId, requestedBy: row.createdBy, payload: row.payload, ...outcome });
    return "stored";
  }

  private async finish(commandId: string, agentId: string, outcome: Outcome) {
    const values = { id: commandId, agentId, completedAt: new Date().toISOString() };
    if (outcome.status === "done") await this.statements.finishDone.execute({ ...values, result: JSON.stringify(outcome.result ?? null) });
    else await this.statements.finishFailed.execute({ ...values, error: JSON.stringify(outcome.error ?? null) });
  }
}
