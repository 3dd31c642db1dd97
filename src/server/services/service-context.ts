/**
 * The one argument every service takes: who acts (and how they authenticated), from where, the
 * database, an audit writer that stamps all of that on each entry, and the agent request helper.
 * Procedures build it once per call (src/server/trpc.ts); tests build it with createServiceContext.
 */
import type { Actor } from "../auth/roles";
import type { CommandWaiters } from "../bus/command-waiters";
import type { Db } from "../db/client";
import type { CommandPayload, CommandResultOf, CommandType } from "../../protocol";
import { requestAgent } from "./agent-commands";
import { recordAudit, type AuditEntry, type AuditWriter } from "./audit";

export type AuditFields = Omit<AuditEntry, "actor" | "via" | "clientIp">;

export type ServiceContext = {
  db: Db;
  actor: Actor;
  clientIp: string;
  /** Records an entry as this actor; pass a transaction to commit it with the change. */
  audit: (entry: AuditFields, writer?: AuditWriter) => Promise<void>;
  /** Sends a command to an agent and waits for its result (503 offline, 504 on timeout, after `timeoutMs` when given). */
  request: <T extends CommandType>(agentId: string, type: T, payload: CommandPayload<T>, options?: { timeoutMs?: number }) => Promise<CommandResultOf<T>>;
};

export function createServiceContext(input: { db: Db; actor: Actor; clientIp: string; waiters: () => CommandWaiters; commandTimeoutMs?: number }): ServiceContext {
  const { db, actor, clientIp } = input;
  return {
    db,
    actor,
    clientIp,
    audit: (entry, writer = db) => recordAudit(writer, { ...entry, actor: actor.username, via: actor.via, clientIp }),
    request: (agentId, type, payload, options) => requestAgent({ db, waiters: input.waiters(), actor, timeoutMs: options?.timeoutMs ?? input.commandTimeoutMs }, { agentId, type, payload }),
  };
}

/** For what the product does by itself (the first admin at start-up, seeds in tests): audited without an actor. */
export function systemContext(db: Db): Pick<ServiceContext, "db" | "audit" | "clientIp"> {
  return { db, clientIp: "system", audit: (entry, writer = db) => recordAudit(writer, { ...entry, actor: null, via: null, clientIp: null }) };
}

/**
 * The product acting on agents by itself (scheduled checks, remediation): an operator-level actor
 * named `username` that sees every client, audited as `via: system`.
 */
export function systemActorContext(input: { db: Db; username: string; waiters: () => CommandWaiters }): ServiceContext {
  return createServiceContext({ db: input.db, actor: { userId: 0, username: input.username, role: "operator", via: "system", clientIds: null }, clientIp: "system", waiters: input.waiters });
}
