/**
 * The /api/v1 bearer tokens: a short-lived access token and a rotating refresh token per sign-in
 * (a "family"). Each refresh hands out a new pair and makes the presented refresh token spent; a
 * spent refresh token presented again means two parties hold it, so the whole family is revoked
 * (reuse detection). This is also what happens to the loser of two simultaneous refreshes with one
 * token: clients must not refresh in parallel. Roles are not in the tokens: an access token acts
 * with its user's current role.
 */
import { randomUUID } from "node:crypto";
import { and, eq, gt, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import { signToken, verifyToken, type JwtKey, type TokenClaims } from "../auth/jwt";
import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { apiTokenFamilies, users } from "../db/schema";
import { AppError } from "../errors";
import { recordAudit } from "./audit";

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 14 * 86_400;

/** The answer of login and refresh, in the field names of the /api/v1 specification. */
export type TokenPair = { access_token: string; refresh_token: string; token_type: "bearer"; expires_in: number };

const INVALID_REFRESH = "Invalid or expired refresh token";
const families = apiTokenFamilies;
const refreshExpiry = (now: Date) => new Date(now.getTime() + REFRESH_TOKEN_SECONDS * 1000);

async function signPair(key: JwtKey, userId: number, familyId: string, refreshJti: string, now: Date): Promise<TokenPair> {
  const [accessToken, refreshToken] = await Promise.all([
    signToken(key, { userId, typ: "access", familyId, jti: randomUUID() }, ACCESS_TOKEN_SECONDS, now),
    signToken(key, { userId, typ: "refresh", familyId, jti: refreshJti }, REFRESH_TOKEN_SECONDS, now),
  ]);
  return { access_token: accessToken, refresh_token: refreshToken, token_type: "bearer", expires_in: ACCESS_TOKEN_SECONDS };
}

/** The family a token names, provided it belongs to the token's user (deleting a user deletes their families). */
const familyOf = (claims: TokenClaims) => and(eq(families.id, claims.familyId), eq(families.userId, claims.userId));

/** For the audit log, in the same statement that changes the family. */
const familyUsername = sql<string>`(select ${users.username} from ${users} where ${users.id} = ${families.userId})`;

/** Starts a new family for a user whose credentials the caller has already verified. */
export async function issueTokenPair(db: Db, key: JwtKey, user: { id: number; username: string }, clientIp: string | null, now = new Date()): Promise<TokenPair> {
  const familyId = randomUUID();
  const refreshJti = randomUUID();
  const pair = await signPair(key, user.id, familyId, refreshJti, now);
  await db.transaction(async (tx) => {
    await tx.insert(families).values({ id: familyId, userId: user.id, currentJti: refreshJti, clientIp, createdAt: now, expiresAt: refreshExpiry(now) });
    await recordAudit(tx, { actor: user.username, action: "auth.token.issue", target: familyId, clientIp });
  });
  return pair;
}

/** A new pair for the family's current refresh token; UNAUTHORIZED for anything else. */
export async function refreshTokenPair(db: Db, key: JwtKey, refreshToken: string, clientIp: string | null, now = new Date()): Promise<TokenPair> {
  const claims = await verifyToken(key, refreshToken, "refresh", now);
  if (!claims) throw new AppError("UNAUTHORIZED", INVALID_REFRESH);
  const nextJti = randomUUID();
  const pair = await signPair(key, claims.userId, claims.familyId, nextJti, now);
  const rotated = await db.transaction(async (tx) => {
    // Conditional on the presented jti: of two simultaneous refreshes only one can match.
    const [row] = await tx
      .update(families)
      .set({ currentJti: nextJti, generation: sql`${families.generation} + 1`, expiresAt: refreshExpiry(now) })
      .where(and(familyOf(claims), eq(families.currentJti, claims.jti), isNull(families.revokedAt), gt(families.expiresAt, now)))
      .returning({ username: familyUsername, generation: families.generation });
    if (row) await recordAudit(tx, { actor: row.username, action: "auth.token.refresh", target: claims.familyId, clientIp, details: { generation: row.generation } });
    return Boolean(row);
  });
  if (rotated) return pair;
  await revokeOnReuse(db, claims, clientIp, now);
  throw new AppError("UNAUTHORIZED", INVALID_REFRESH);
}

/** An authentic refresh token that is no longer current, of a live family: revoke the family. */
async function revokeOnReuse(db: Db, claims: TokenClaims, clientIp: string | null, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(families)
      .set({ revokedAt: now })
      .where(and(familyOf(claims), ne(families.currentJti, claims.jti), isNull(families.revokedAt)))
      .returning({ username: familyUsername });
    if (row) await recordAudit(tx, { actor: row.username, action: "auth.token.reuse", target: claims.familyId, success: false, clientIp, details: { jti: claims.jti } });
  });
}

/**
 * Logout: revokes the family of an authentic, unexpired access or refresh token. `revoked` is false
 * when the family was already revoked or is gone; an invalid token is UNAUTHORIZED.
 */
export async function revokeTokenFamily(db: Db, key: JwtKey, token: string, clientIp: string | null, now = new Date()): Promise<{ revoked: boolean }> {
  const claims = await verifyToken(key, token, "any", now);
  if (!claims) throw new AppError("UNAUTHORIZED", "Invalid or expired token");
  return db.transaction(async (tx) => {
    const [row] = await tx.update(families).set({ revokedAt: now }).where(and(familyOf(claims), isNull(families.revokedAt))).returning({ username: familyUsername });
    if (row) await recordAudit(tx, { actor: row.username, action: "auth.token.revoke", target: claims.familyId, clientIp });
    return { revoked: Boolean(row) };
  });
}

/**
 * Ends every live family of a user (password reset or change, account disabled, sessions ended by
 * an admin): their access tokens stop working at once and their refresh tokens refresh nothing.
 * The caller audits; returns how many families were live.
 */
export async function revokeUserTokenFamilies(db: Pick<Db, "update">, userId: number, now = new Date()): Promise<number> {
  const revoked = await db
    .update(families)
    .set({ revokedAt: now })
    .where(and(eq(families.userId, userId), isNull(families.revokedAt), gt(families.expiresAt, now)))
    .returning({ id: families.id });
  return revoked.length;
}

/** The actor of a valid access token of a live family of an enabled user, with the user's current role; null otherwise. */
export async function authenticateAccessToken(db: Db, key: JwtKey, token: string, now = new Date()): Promise<Actor | null> {
  const claims = await verifyToken(key, token, "access", now);
  if (!claims) return null;
  const [row] = await db
    .select({ userId: users.id, username: users.username, role: users.role, clientIds: users.clientIds })
    .from(families)
    .innerJoin(users, eq(users.id, families.userId))
    .where(and(familyOf(claims), isNull(families.revokedAt), isNull(users.disabledAt)))
    .limit(1);
  return row ? { ...row, via: "jwt" } : null;
}

/** Maintenance: families whose refresh token has expired, or that were revoked, can accept no token any more. */
export async function deleteExpiredTokenFamilies(db: Db, now = new Date()): Promise<number> {
  const deleted = await db.delete(families).where(or(lte(families.expiresAt, now), isNotNull(families.revokedAt))).returning({ id: families.id });
  return deleted.length;
}
