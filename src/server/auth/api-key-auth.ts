/**
 * Authentication by API key (`X-API-KEY`): the key is looked up by its hash and acts as its creator,
 * with the lower of the key's role and the creator's current role, so demoting a person also
 * demotes every key they made, and disabling them stops every key they made until they are enabled.
 * Likewise a key limited to some clients sees only those of them its creator may see now.
 */
import { and, eq, gt, isNull, lte, or, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKeys, users } from "../db/schema";
import { intersectClientIds } from "../services/tenancy";
import { hasRole, type Actor, type Role } from "./roles";
import { sha256 } from "./secret-hash";

/** `last_used_at` is written at most this often per key, so busy integrations do not write on every request. */
export const API_KEY_TOUCH_INTERVAL_MS = 60_000;

/** Longer input is no key of ours; refused before any hashing or query. */
const MAX_KEY_LENGTH = 256;

/** The role a key acts with: never more than its creator has now. */
export function effectiveKeyRole(keyRole: Role, creatorRole: Role): Role {
  return hasRole(creatorRole, keyRole) ? keyRole : creatorRole;
}

/** The actor of a valid key; null for an unknown, revoked or expired key (or a deleted or disabled creator). */
export async function authenticateApiKey(db: Db, rawKey: string, now = new Date()): Promise<Actor | null> {
  if (rawKey.length === 0 || rawKey.length > MAX_KEY_LENGTH) return null;
  const row = await findValidKey(db, eq(apiKeys.keyHash, sha256(rawKey)), now);
  if (!row) return null;
  const staleBefore = new Date(now.getTime() - API_KEY_TOUCH_INTERVAL_MS);
  if (!row.lastUsedAt || row.lastUsedAt <= staleBefore) {
    // Conditional, so that simultaneous requests with one key write once.
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lte(apiKeys.lastUsedAt, staleBefore))));
  }
  return keyActor(row);
}

/** The actor of a key known by its id (a stream token minted with it), if the key is still valid now. */
export async function apiKeyActorById(db: Db, keyId: string, now = new Date()): Promise<Actor | null> {
  const row = await findValidKey(db, eq(apiKeys.id, keyId), now);
  return row ? keyActor(row) : null;
}

async function findValidKey(db: Db, which: SQL, now: Date) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      role: apiKeys.role,
      keyClientIds: apiKeys.clientIds,
      lastUsedAt: apiKeys.lastUsedAt,
      userId: users.id,
      username: users.username,
      creatorRole: users.role,
      creatorClientIds: users.clientIds,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdByUserId))
    .where(and(which, isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)), isNull(users.disabledAt)))
    .limit(1);
  return row;
}

function keyActor(row: NonNullable<Awaited<ReturnType<typeof findValidKey>>>): Actor {
  return {
    userId: row.userId,
    username: row.username,
    role: effectiveKeyRole(row.role, row.creatorRole),
    via: "api-key",
    apiKeyId: row.id,
    clientIds: intersectClientIds(row.keyClientIds, row.creatorClientIds),
  };
}
