/**
 * Server-side sessions: created at sign-in, resolved on every request, deleted at sign-out (or
 * when an admin ends them). A disabled user's session resolves to nobody, even one created in the
 * instant before the account was disabled.
 */
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { sessions, users } from "../db/schema";
import type { Actor } from "./roles";
import { sha256 } from "./secret-hash";

export async function createSession(
  db: Pick<Db, "insert">,
  input: { userId: number; kind: "password" | "sso"; clientIp: string | null; ttlSeconds: number; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + input.ttlSeconds * 1000);
  await db.insert(sessions).values({ tokenHash: sha256(token), userId: input.userId, kind: input.kind, clientIp: input.clientIp, expiresAt });
  return { token, expiresAt };
}

export async function resolveSession(db: Db, token: string | null, now = new Date()): Promise<Actor | null> {
  if (!token) return null;
  const [row] = await db
    .select({ userId: users.id, username: users.username, role: users.role, clientIds: users.clientIds, kind: sessions.kind })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .limit(1);
  return row ? { userId: row.userId, username: row.username, role: row.role, via: row.kind === "sso" ? "sso" : "session", clientIds: row.clientIds } : null;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

/** Ends every session of a user, except the one of `keepToken` (the request changing its own password); returns how many. */
export async function deleteUserSessions(db: Pick<Db, "delete">, userId: number, keepToken?: string | null): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepToken ? ne(sessions.tokenHash, sha256(keepToken)) : undefined))
    .returning({ tokenHash: sessions.tokenHash });
  return deleted.length;
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
