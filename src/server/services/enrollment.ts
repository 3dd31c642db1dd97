/**
 * Enrollment tokens: created by operators (or by an agent download), expiring, revocable, with a
 * use limit, each for one site (the agents it enrolls belong there). Only the SHA-256 of a token
 * is stored; the token itself is shown once. Someone restricted to some clients sees, creates and
 * revokes only tokens of their clients' sites.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { sha256 } from "../auth/secret-hash";
import type { Db } from "../db/client";
import { clients, enrollmentTokens, sites } from "../db/schema";
import { AppError } from "../errors";
import type { ENROLLMENT_TOKEN_STATES } from "../contracts/enrollment";
import { getSite } from "./clients";
import type { ServiceContext } from "./service-context";
import { mayReachClient, sitesVisibleTo } from "./tenancy";

type EnrollmentTokenState = (typeof ENROLLMENT_TOKEN_STATES)[number];
type Ref = { id: number; name: string };

export type NewEnrollmentToken = { id: string; token: string; label: string; expiresAt: Date; maxUses: number; client: Ref; site: Ref };

/** The site a new token enrolls into: the one named, else the default site, if the actor may use it. */
export async function enrollmentSite(ctx: Pick<ServiceContext, "db" | "actor">, siteId: number | undefined) {
  if (siteId !== undefined) return getSite(ctx, siteId);
  const [site] = await ctx.db.select({ id: sites.id, clientId: sites.clientId }).from(sites).where(eq(sites.isDefault, true)).limit(1);
  if (!site || !mayReachClient(ctx.actor, site.clientId)) {
    throw new AppError("BAD_REQUEST", "Choose the site the new agents belong to", { details: [{ field: "siteId", message: "is required: you have no access to the default site" }] });
  }
  return getSite(ctx, site.id);
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Stores and audits a new token for a site the caller has already checked, inside its transaction. */
export async function insertEnrollmentToken(ctx: ServiceContext, tx: Tx, input: { label: string; expiresAt: Date; maxUses: number; siteId: number }): Promise<{ id: string; token: string }> {
  const token = `rmm_enr_${randomBytes(24).toString("base64url")}`;
  const [row] = await tx.insert(enrollmentTokens).values({ tokenHash: sha256(token), label: input.label, createdBy: ctx.actor.username, expiresAt: input.expiresAt, maxUses: input.maxUses, siteId: input.siteId }).returning({ id: enrollmentTokens.id });
  await ctx.audit({ action: "enrollment.create", target: row!.id, details: { label: input.label, maxUses: input.maxUses, expiresAt: input.expiresAt.toISOString(), siteId: input.siteId } }, tx);
  return { id: row!.id, token };
}

export async function createEnrollmentToken(ctx: ServiceContext, input: { label: string; ttlHours: number; maxUses: number; siteId?: number }): Promise<NewEnrollmentToken> {
  const expiresAt = new Date(Date.now() + input.ttlHours * 3_600_000);
  const site = await enrollmentSite(ctx, input.siteId);
  return ctx.db.transaction(async (tx) => {
    const { id, token } = await insertEnrollmentToken(ctx, tx, { label: input.label, expiresAt, maxUses: input.maxUses, siteId: site.id });
    return { id, token, label: input.label, expiresAt, maxUses: input.maxUses, client: { id: site.clientId, name: site.clientName }, site: { id: site.id, name: site.name } };
  });
}

/** Tokens from before tenancy have no site: they enroll into the default site. */
const tokenSiteId = sql`coalesce(${enrollmentTokens.siteId}, default_site_id())`;

/** Tokens whose site the actor may see. */
function tokensVisibleTo(actor: ServiceContext["actor"]) {
  const visibleSites = sitesVisibleTo(actor);
  return visibleSites && sql`${tokenSiteId} in (select ${sites.id} from ${sites} where ${visibleSites})`;
}

export async function listEnrollmentTokens(ctx: Pick<ServiceContext, "db" | "actor">) {
  const rows = await ctx.db
    .select({ token: enrollmentTokens, site: { id: sites.id, name: sites.name }, client: { id: clients.id, name: clients.name } })
    .from(enrollmentTokens)
    .innerJoin(sites, eq(sites.id, tokenSiteId))
    .innerJoin(clients, eq(clients.id, sites.clientId))
    .where(tokensVisibleTo(ctx.actor))
    .orderBy(desc(enrollmentTokens.createdAt))
    .limit(200);
  const now = Date.now();
  return rows.map(({ token: { tokenHash: _hash, siteId: _siteId, ...row }, site, client }) => ({
    ...row,
    site,
    client,
    state: (row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : row.uses >= row.maxUses ? "used up" : "active") as EnrollmentTokenState,
  }));
}

export async function revokeEnrollmentToken(ctx: ServiceContext, id: string) {
  return ctx.db.transaction(async (tx) => {
    const revoked = await tx
      .update(enrollmentTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(enrollmentTokens.id, id), isNull(enrollmentTokens.revokedAt), tokensVisibleTo(ctx.actor)))
      .returning({ id: enrollmentTokens.id });
    if (revoked.length === 0) throw new AppError("NOT_FOUND", `Enrollment token '${id}' not found or already revoked`);
    await ctx.audit({ action: "enrollment.revoke", target: id }, tx);
    return { id };
  });
}

/**
 * Spends one use of a token, atomically: a valid token (not expired, not revoked, uses left) is
 * consumed and its id and site returned (null site: the default one); anything else returns null.
 */
export async function consumeEnrollmentToken(db: Pick<Db, "update">, token: string, now = new Date()): Promise<{ id: string; siteId: number | null } | null> {
  const [row] = await db
    .update(enrollmentTokens)
    .set({ uses: sql`${enrollmentTokens.uses} + 1` })
    .where(and(eq(enrollmentTokens.tokenHash, sha256(token)), isNull(enrollmentTokens.revokedAt), gt(enrollmentTokens.expiresAt, now), lt(enrollmentTokens.uses, enrollmentTokens.maxUses)))
    .returning({ id: enrollmentTokens.id, siteId: enrollmentTokens.siteId });
  return row ?? null;
}
