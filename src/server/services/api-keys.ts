/**
 * API key administration: create (the key is returned once; only its hash is stored), list and
 * revoke. Admins who see every client see and revoke every key; everyone else only their own, and
 * another person's key is "not found" to them. A key's role may not exceed its creator's, and a
 * key limited to some clients names only clients its creator may see.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, type SQL } from "drizzle-orm";
import { effectiveKeyRole } from "../auth/api-key-auth";
import { hasRole, type Actor, type Role } from "../auth/roles";
import { sha256 } from "../auth/secret-hash";
import type { ApiKeySummary, CreateApiKeyInput, CreatedApiKey, RevokeApiKeyInput } from "../contracts/api-keys";
import { apiKeys, users } from "../db/schema";
import { AppError } from "../errors";
import { checkClientRestriction } from "./clients";
import type { ServiceContext } from "./service-context";

/** What these services need from a request: the database, who acts, and the audit writer. */
export type ActorContext = Pick<ServiceContext, "db" | "actor" | "audit">;

type KeyRow = typeof apiKeys.$inferSelect & { createdBy: string; creatorRole: Role };

/** `rmm_<8 hex>_<43 base64url>`: the first part is the public prefix, the rest 256 random bits. */
function generateApiKey(): { key: string; prefix: string } {
  const prefix = `rmm_${randomBytes(4).toString("hex")}`;
  return { key: `${prefix}_${randomBytes(32).toString("base64url")}`, prefix };
}

function keyState(row: KeyRow, now: Date): ApiKeySummary["state"] {
  if (row.revokedAt) return "revoked";
  return row.expiresAt && row.expiresAt <= now ? "expired" : "active";
}

function summarize(row: KeyRow, now: Date): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    effectiveRole: effectiveKeyRole(row.role, row.creatorRole),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    state: keyState(row, now),
    clientIds: row.clientIds,
  };
}

/** The keys an actor may see and revoke: every key for an admin of every client, else their own. */
function visibleTo(actor: Actor): SQL | undefined {
  return hasRole(actor.role, "admin") && actor.clientIds === null ? undefined : eq(apiKeys.createdByUserId, actor.userId);
}

export async function createApiKey(ctx: ActorContext, input: CreateApiKeyInput, now = new Date()): Promise<CreatedApiKey> {
  const { actor } = ctx;
  if (!hasRole(actor.role, input.role)) {
    throw new AppError("FORBIDDEN", `An API key may not have a higher role than your own (${actor.role})`, {
      details: [{ field: "role", message: `must not be higher than your own role (${actor.role})` }],
    });
  }
  const clientIds = await checkClientRestriction(ctx, input.clientIds);
  const { key, prefix } = generateApiKey();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ name: input.name, prefix, keyHash: sha256(key), role: input.role, createdByUserId: actor.userId, createdAt: now, expiresAt, clientIds })
      .returning();
    await ctx.audit({ action: "api-key.create", target: row!.id, details: { name: input.name, prefix, role: input.role, expiresAt: expiresAt?.toISOString() ?? null, clientIds } }, tx);
    // The key's role is at most the creator's, so it is also its effective role.
    return { key, apiKey: summarize({ ...row!, createdBy: actor.username, creatorRole: input.role }, now) };
  });
}

export async function listApiKeys(ctx: Pick<ServiceContext, "db" | "actor">, now = new Date()): Promise<ApiKeySummary[]> {
  const rows = await ctx.db
    .select({ key: apiKeys, createdBy: users.username, creatorRole: users.role })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdByUserId))
    .where(visibleTo(ctx.actor))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((row) => summarize({ ...row.key, createdBy: row.createdBy, creatorRole: row.creatorRole }, now));
}

/**
 * Revokes a key at once. Not idempotent on purpose: an unknown key, another person's key (for a
 * non-admin) and an already revoked key are all NOT_FOUND, and nothing is written or audited.
 */
export async function revokeApiKey(ctx: ActorContext, input: RevokeApiKeyInput, now = new Date()): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, input.id), isNull(apiKeys.revokedAt), visibleTo(ctx.actor)))
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
    if (!row) throw new AppError("NOT_FOUND", `API key '${input.id}' not found or already revoked`);
    await ctx.audit({ action: "api-key.revoke", target: row.id, details: { name: row.name, prefix: row.prefix } }, tx);
    return { id: row.id };
  });
}
