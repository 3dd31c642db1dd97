/**
 * Tenant isolation: which clients' agents an actor may see and act on. Users and API keys may be
 * restricted to some clients (`Actor.clientIds`); everything about another client's agents,
 * sites or the client itself is then "not found", never "forbidden", so a restricted actor cannot
 * even learn that it exists. Lists filter with the conditions below; the authorization middleware
 * (src/server/trpc.ts) checks every agent, client and site a procedure's input names with
 * `refuseOutsideScope`, so no procedure can forget it.
 */
import { and, count, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../auth/roles";
import { agentIdInput } from "../contracts/agents";
import { clientIdInput, siteIdInput } from "../contracts/tenancy";
import type { Db } from "../db/client";
import { agents, clients, sites } from "../db/schema";
import { AppError } from "../errors";

type Scope = Pick<Actor, "clientIds">;

/** A restriction seen through another one (an API key within its creator's): null means "all". */
export function intersectClientIds(a: number[] | null, b: number[] | null): number[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.filter((id) => b.includes(id));
}

export function mayReachClient(actor: Scope, clientId: number): boolean {
  return actor.clientIds === null || actor.clientIds.includes(clientId);
}

/** Clients the actor may see; undefined (no condition) when unrestricted. */
export function clientsVisibleTo(actor: Scope): SQL | undefined {
  return actor.clientIds === null ? undefined : inArray(clients.id, actor.clientIds);
}

export function sitesVisibleTo(actor: Scope): SQL | undefined {
  return actor.clientIds === null ? undefined : inArray(sites.clientId, actor.clientIds);
}

/** Agents the actor may see, as a condition on `agents` alone (no join needed). */
export function agentsVisibleTo(actor: Scope): SQL | undefined {
  if (actor.clientIds === null) return undefined;
  return sql`${agents.siteId} in (select ${sites.id} from ${sites} where ${inArray(sites.clientId, actor.clientIds)})`;
}

/**
 * The references to tenants an input may carry, under the names every procedure uses for them.
 * Each is read on its own and with the procedure's own schemas, so that what is checked here is
 * exactly what the procedure will receive; a malformed value is left to the procedure's validation.
 */
const REFERENCES = {
  agentId: agentIdInput,
  agentIds: z.array(agentIdInput),
  clientId: clientIdInput,
  siteId: siteIdInput,
} as const;
export const TENANT_REFERENCE_KEYS = Object.keys(REFERENCES) as (keyof typeof REFERENCES)[];

type References = { agentId?: string; agentIds?: string[]; clientId?: number; siteId?: number };

export function tenantReferencesOf(input: unknown): References {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return {};
  const found: Record<string, unknown> = {};
  for (const key of TENANT_REFERENCE_KEYS) {
    const parsed = REFERENCES[key].safeParse((input as Record<string, unknown>)[key]);
    if (parsed.success) found[key] = parsed.data;
  }
  return found as References;
}

const agentNotFound = (agentId: string) => new AppError("NOT_FOUND", `Agent '${agentId}' not found`);
export const clientNotFound = (clientId: number) => new AppError("NOT_FOUND", `Client ${clientId} not found`);
export const siteNotFound = (siteId: number) => new AppError("NOT_FOUND", `Site ${siteId} not found`);

/** The first of `agentIds` that is unknown, revoked or outside the actor's clients; null when none is. */
async function firstHiddenAgent(db: Db, actor: Scope, agentIds: string[]): Promise<string | null> {
  const unique = [...new Set(agentIds)];
  const visible = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(inArray(agents.id, unique), isNull(agents.revokedAt), agentsVisibleTo(actor)));
  const seen = new Set(visible.map((row) => row.id));
  return unique.find((id) => !seen.has(id)) ?? null;
}

/**
 * NOT_FOUND for any agent, client or site in `input` outside the actor's clients, worded exactly
 * as for one that does not exist. Does nothing for an unrestricted actor (the procedures report
 * unknown ids themselves).
 */
export async function refuseOutsideScope(db: Db, actor: Scope, input: unknown): Promise<void> {
  if (actor.clientIds === null) return;
  const refs = tenantReferencesOf(input);
  if (refs.clientId !== undefined && !mayReachClient(actor, refs.clientId)) throw clientNotFound(refs.clientId);
  if (refs.siteId !== undefined) {
    const [site] = await db.select({ value: count() }).from(sites).where(and(eq(sites.id, refs.siteId), sitesVisibleTo(actor)));
    if (!site?.value) throw siteNotFound(refs.siteId);
  }
  const agentIds = [...(refs.agentId !== undefined ? [refs.agentId] : []), ...(refs.agentIds ?? [])];
  const hidden = agentIds.length > 0 ? await firstHiddenAgent(db, actor, agentIds) : null;
  if (hidden !== null) throw agentNotFound(hidden);
}

/** True when the actor may see the agent (used to filter the live event stream). */
export async function maySeeAgent(db: Db, actor: Scope, agentId: string): Promise<boolean> {
  return actor.clientIds === null || (await firstHiddenAgent(db, actor, [agentId])) === null;
}
