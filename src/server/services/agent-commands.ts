/**
 * The request helper every agent capability uses: queue a command row, ring the gateways, wait for
 * the result (`queueCommand` alone is the fire-and-forget half, for the command queue). An offline agent is a 503 at once, and so is one that goes offline while the request
 * waits (its socket or its gateway died); no answer in time is a 504; both name the agent and the
 * command, and close the row so that it is never delivered afterwards. A duplicate delivery cannot
 * run twice (the agent keys on the command id).
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { parseCommandResult, type CommandPayload, type CommandResultOf, type CommandType } from "../../protocol";
import { CHANNELS } from "../bus/channels";
import type { CommandWaiters, WaitOutcome } from "../bus/command-waiters";
import type { Db } from "../db/client";
import { agents, commands } from "../db/schema";
import { AppError } from "../errors";

export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;

export type CommandDeps = { db: Db; waiters: CommandWaiters; actor: { username: string } | null; timeoutMs?: number };

/**
 * The statements of every request, prepared once per pooled connection (see command-delivery.ts in
 * the gateway for why). Kept per `Db`, since callers and tests pass their own.
 */
function prepareStatements(db: Db) {
  const queued = db.$with("queued").as(
    db
      .insert(commands)
      .values({
        id: sql.placeholder("id"),
        agentId: sql.placeholder("agentId"),
        type: sql.placeholder("type"),
        payload: sql`${sql.placeholder("payload")}::jsonb`,
        createdBy: sql.placeholder("createdBy"),
        expiresAt: sql`${sql.placeholder("expiresAt")}::timestamptz`,
      })
      .returning({ id: commands.id, agentId: commands.agentId }),
  );
  return {
    findAgent: db.select({ id: agents.id, name: agents.name, status: agents.status, revokedAt: agents.revokedAt }).from(agents).where(eq(agents.id, sql.placeholder("id"))).limit(1).prepare("find_agent"),
    queue: db
      .with(queued)
      .select({ notified: sql`pg_notify(${CHANNELS.commandQueued}, ${queued.id}::text || ':' || ${queued.agentId})` })
      .from(queued)
      .prepare("queue_command"),
    readCommand: db.select().from(commands).where(eq(commands.id, sql.placeholder("id"))).prepare("read_command"),
  };
}

const preparedByDb = new WeakMap<Db, ReturnType<typeof prepareStatements>>();
function statements(db: Db) {
  let prepared = preparedByDb.get(db);
  if (!prepared) preparedByDb.set(db, (prepared = prepareStatements(db)));
  return prepared;
}

export async function findAgentOrThrow(db: Db, agentId: string) {
  const [agent] = await statements(db).findAgent.execute({ id: agentId });
  if (!agent || agent.revokedAt) throw new AppError("NOT_FOUND", `Agent '${agentId}' not found`);
  return agent;
}

export async function requestAgent<T extends CommandType>(
  deps: CommandDeps,
  input: { agentId: string; type: T; payload: CommandPayload<T> },
): Promise<CommandResultOf<T>> {
  const agent = await findAgentOrThrow(deps.db, input.agentId);
  const label = `'${agent.name}' (${agent.id})`;
  if (agent.status !== "online") throw new AppError("AGENT_OFFLINE", `Agent ${label} is offline`);

  const timeoutMs = deps.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const id = randomUUID();
  await deps.waiters.whenListening();
  const finished = deps.waiters.wait(id, agent.id, timeoutMs);
  await queueCommand(deps.db, { id, agentId: agent.id, type: input.type, payload: input.payload, createdBy: deps.actor?.username ?? null, expiresAt: new Date(Date.now() + timeoutMs) });

  const outcome = await finished;
  if (outcome !== "finished" && (await giveUp(deps.db, id, outcome))) {
    throw outcome === "timeout"
      ? new AppError("AGENT_TIMEOUT", `Agent ${label} did not answer '${input.type}' within ${Math.round(timeoutMs / 1000)} s`)
      : new AppError("AGENT_OFFLINE", `Agent ${label} went offline while running '${input.type}'`);
  }
  return readOutcome(deps.db, id, input.type, label);
}

/**
 * Stores a command and rings the gateways, without waiting: the agent's gateway delivers it now, or
 * when the agent next says hello, until `expiresAt`. One statement, its own transaction: the row and
 * its NOTIFY commit together.
 */
export async function queueCommand<T extends CommandType>(
  db: Db,
  input: { id: string; agentId: string; type: T; payload: CommandPayload<T>; createdBy: string | null; expiresAt: Date },
): Promise<void> {
  await statements(db).queue.execute({
    id: input.id,
    agentId: input.agentId,
    type: input.type,
    payload: JSON.stringify(input.payload),
    createdBy: input.createdBy,
    expiresAt: input.expiresAt.toISOString(),
  });
}

/**
 * Closes a command nobody waits for any more, so no gateway delivers (or re-delivers) it later.
 * Conditional: a result that arrived at the last moment wins, and the caller reads it instead.
 */
async function giveUp(db: Db, id: string, outcome: Exclude<WaitOutcome, "finished">): Promise<boolean> {
  const closed = await db
    .update(commands)
    .set(outcome === "timeout" ? { status: "timeout", completedAt: new Date() } : { status: "failed", error: { code: "offline", message: "the agent went offline before answering" }, completedAt: new Date() })
    .where(and(eq(commands.id, id), inArray(commands.status, ["queued", "sent"])))
    .returning({ id: commands.id });
  return closed.length > 0;
}

async function readOutcome<T extends CommandType>(db: Db, id: string, type: T, label: string): Promise<CommandResultOf<T>> {
  const [row] = await statements(db).readCommand.execute({ id });
  if (row?.status === "done") {
    const parsed = parseCommandResult(type, row.result);
    if (parsed.success) return parsed.data;
    throw new AppError("AGENT_ERROR", `Agent ${label} sent a malformed result for '${type}'`);
  }
  const error = row?.error ?? { code: "failed", message: "unknown error" };
  if (error.code === "not-found") throw new AppError("NOT_FOUND", error.message);
  if (error.code === "invalid") throw new AppError("BAD_REQUEST", error.message);
  if (error.code === "exists") throw new AppError("CONFLICT", error.message);
  throw new AppError("AGENT_ERROR", `Agent ${label} could not run '${type}': ${error.message}`);
}
