/**
 * Enrollment tokens: created by operators (or by an agent download), expiring, revocable, with a
 * use limit. Only the SHA-256 of a token is stored; the token itself is shown once.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { sha256 } from "../auth/secret-hash";
import type { Db } from "../db/client";
import { enrollmentTokens } from "../db/schema";
import { AppError } from "../errors";
import type { ENROLLMENT_TOKEN_STATES } from "../contracts/enrollment";
import type { ServiceContext } from "./service-context";

type EnrollmentTokenState = (typeof ENROLLMENT_TOKEN_STATES)[number];

export type NewEnrollmentToken = { id: string; token: string; label: string; expiresAt: Date; maxUses: number };

export async function createEnrollmentToken(ctx: ServiceContext, input: { label: string; ttlHours: number; maxUses: number }): Promise<NewEnrollmentToken> {
  const token = `rmm_enr_${randomBytes(24).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + input.ttlHours * 3_600_000);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(enrollmentTokens).values({ tokenHash: sha256(token), label: input.label, createdBy: ctx.actor.username, expiresAt, maxUses: input.maxUses }).returning();
    await ctx.audit({ action: "enrollment.create", target: row!.id, details: { label: input.label, maxUses: input.maxUses, expiresAt: expiresAt.toISOString() } }, tx);
    return { id: row!.id, token, label: row!.label, expiresAt, maxUses: row!.maxUses };
  });
}

export async function listEnrollmentTokens(ctx: Pick<ServiceContext, "db">) {
  const rows = await ctx.db.select().from(enrollmentTokens).orderBy(desc(enrollmentTokens.createdAt)).limit(200);
  const now = Date.now();
  return rows.map(({ tokenHash: _hash, ...row }) => ({
    ...row,
    state: (row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : row.uses >= row.maxUses ? "used up" : "active") as EnrollmentTokenState,
  }));
}

export async function revokeEnrollmentToken(ctx: ServiceContext, id: string) {
  return ctx.db.transaction(async (tx) => {
    const revoked = await tx.update(enrollmentTokens).set({ revokedAt: new Date() }).where(and(eq(enrollmentTokens.id, id), isNull(enrollmentTokens.revokedAt))).returning({ id: enrollmentTokens.id });
    if (revoked.length === 0) throw new AppError("NOT_FOUND", `Enrollment token '${id}' not found or already revoked`);
    await ctx.audit({ action: "enrollment.revoke", target: id }, tx);
    return { id };
  });
}

/**
 * Spends one use of a token, atomically: a valid token (not expired, not revoked, uses left) is
 * consumed and its id returned; anything else returns null.
 */
export async function consumeEnrollmentToken(db: Pick<Db, "update">, token: string, now = new Date()): Promise<string | null> {
  const [row] = await db
    .update(enrollmentTokens)
    .set({ uses: sql`${enrollmentTokens.uses} + 1` })
    .where(and(eq(enrollmentTokens.tokenHash, sha256(token)), isNull(enrollmentTokens.revokedAt), gt(enrollmentTokens.expiresAt, now), lt(enrollmentTokens.uses, enrollmentTokens.maxUses)))
    .returning({ id: enrollmentTokens.id });
  return row?.id ?? null;
}
