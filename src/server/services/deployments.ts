/**
 * Deployments: installer links for one site, platform and architecture, that expire and can be
 * revoked. Each owns an enrollment token with the same expiry (revoking one revokes the other), so
 * a machine installed from the link lands in the link's site. The download itself needs no
 * session: whoever has the uuid may fetch the installer until the link expires or is revoked, and
 * an unknown, expired or revoked uuid all answer the same "not found".
 */
import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Config } from "../config";
import { DEPLOYMENT_MAX_DAYS, installArgs, type CreateDeployment, type DeploymentArch, type DeploymentSummary } from "../contracts/deployments";
import type { AgentPlatform } from "../contracts/enrollment";
import type { Db } from "../db/client";
import { clients, deployments, enrollmentTokens, sites } from "../db/schema";
import { AppError } from "../errors";
import { agentBuild, gatewayUrlFor, tarGzAgentPackage, zipAgentPackage } from "./agent-package";
import { getSite } from "./clients";
import { insertEnrollmentToken } from "./enrollment";
import type { ServiceContext } from "./service-context";
import { sitesVisibleTo } from "./tenancy";

type ReadContext = Pick<ServiceContext, "db" | "actor">;
type Urls = Pick<Config, "publicUrl">;

/** The architectures each platform has a build for (agent/build/targets.ts builds x64 only). */
const BUILT_ARCHES: Record<AgentPlatform, readonly DeploymentArch[]> = { windows: ["amd64"], linux: ["amd64"] };

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const deploymentDownloadUrl = (config: Urls, uuid: string) => `${config.publicUrl}/api/v3/agents/deployments/${uuid}/download/`;
export const installScriptUrl = (config: Urls, uuid: string) => `${config.publicUrl}/api/agents/install-script?key=${uuid}`;

const notFound = () => new AppError("NOT_FOUND", "Not found");

function summaryRows(db: Db) {
  return db
    .select({ deployment: deployments, site: { id: sites.id, name: sites.name }, client: { id: clients.id, name: clients.name } })
    .from(deployments)
    .innerJoin(sites, eq(sites.id, deployments.siteId))
    .innerJoin(clients, eq(clients.id, sites.clientId));
}

function toSummary(config: Urls, { deployment: d, site, client }: Awaited<ReturnType<typeof summaryRows>>[number]): DeploymentSummary {
  return {
    id: d.id,
    uuid: d.uuid,
    client,
    site,
    platform: d.platform,
    arch: d.arch,
    installFlags: d.installFlags,
    expiresAt: d.expiresAt.toISOString(),
    createdBy: d.createdBy,
    createdAt: d.createdAt.toISOString(),
    downloadCount: d.downloadCount,
    downloadUrl: deploymentDownloadUrl(config, d.uuid),
    installScriptUrl: installScriptUrl(config, d.uuid),
  };
}

const live = (now: Date) => and(isNull(deployments.revokedAt), gt(deployments.expiresAt, now));

export async function createDeployment(ctx: ServiceContext, config: Urls, input: CreateDeployment, now = new Date()): Promise<DeploymentSummary> {
  if (!BUILT_ARCHES[input.platform].includes(input.arch)) {
    throw new AppError("BAD_REQUEST", `There is no ${input.arch} build of the ${input.platform} agent`, { details: [{ field: "arch", message: `must be one of: ${BUILT_ARCHES[input.platform].join(", ")}` }] });
  }
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + DEPLOYMENT_MAX_DAYS * 86_400_000) {
    throw new AppError("BAD_REQUEST", "Invalid expiry", { details: [{ field: "expires", message: `must be in the future and at most ${DEPLOYMENT_MAX_DAYS} days away` }] });
  }
  const site = await getSite(ctx, input.siteId);
  if (site.clientId !== input.clientId) throw new AppError("BAD_REQUEST", "The site does not belong to the client", { details: [{ field: "site", message: `is not a site of client ${input.clientId}` }] });
  const uuid = randomUUID();
  const id = await ctx.db.transaction(async (tx) => {
    const token = await insertEnrollmentToken(ctx, tx, { label: `deployment ${uuid.slice(0, 8)}`, expiresAt, maxUses: input.maxUses, siteId: site.id });
    const [row] = await tx
      .insert(deployments)
      .values({ uuid, siteId: site.id, platform: input.platform, arch: input.arch, installFlags: input.installFlags, enrollmentTokenId: token.id, enrollmentToken: token.token, createdBy: ctx.actor.username, expiresAt })
      .returning({ id: deployments.id });
    await ctx.audit({ action: "deployment.create", target: String(row!.id), details: { siteId: site.id, platform: input.platform, arch: input.arch, expiresAt: expiresAt.toISOString() } }, tx);
    return row!.id;
  });
  const [row] = await summaryRows(ctx.db).where(eq(deployments.id, id));
  return toSummary(config, row!);
}

/** The deployments that still work (neither expired nor revoked), of the sites the actor sees. */
export async function listDeployments(ctx: ReadContext, config: Urls, now = new Date()): Promise<DeploymentSummary[]> {
  const rows = await summaryRows(ctx.db)
    .where(and(live(now), sitesVisibleTo(ctx.actor)))
    .orderBy(desc(deployments.createdAt), desc(deployments.id))
    .limit(500);
  return rows.map((row) => toSummary(config, row));
}

export async function revokeDeployment(ctx: ServiceContext, id: number): Promise<{ id: number }> {
  return ctx.db.transaction(async (tx) => {
    const visible = sitesVisibleTo(ctx.actor);
    const [row] = await tx
      .update(deployments)
      .set({ revokedAt: new Date() })
      .where(and(eq(deployments.id, id), isNull(deployments.revokedAt), visible && sql`${deployments.siteId} in (select ${sites.id} from ${sites} where ${visible})`))
      .returning({ id: deployments.id, tokenId: deployments.enrollmentTokenId });
    if (!row) throw new AppError("NOT_FOUND", `Deployment ${id} not found or already revoked`);
    await tx.update(enrollmentTokens).set({ revokedAt: new Date() }).where(and(eq(enrollmentTokens.id, row.tokenId), isNull(enrollmentTokens.revokedAt)));
    await ctx.audit({ action: "deployment.revoke", target: String(id) }, tx);
    return { id };
  });
}

/** A live deployment by its uuid, counting the download; NOT_FOUND for anything else. */
export async function takeDeployment(db: Db, uuid: string, now = new Date()) {
  if (!UUID_PATTERN.test(uuid)) throw notFound();
  const [row] = await db
    .update(deployments)
    .set({ downloadCount: sql`${deployments.downloadCount} + 1` })
    .where(and(eq(deployments.uuid, uuid.toLowerCase()), live(now)))
    .returning();
  if (!row) throw notFound();
  return row;
}

/** A live deployment by its uuid, without counting anything (the install script). */
export async function findLiveDeployment(db: Db, uuid: string, now = new Date()) {
  if (!UUID_PATTERN.test(uuid)) return null;
  const [row] = await db.select().from(deployments).where(and(eq(deployments.uuid, uuid.toLowerCase()), live(now))).limit(1);
  return row ?? null;
}

/** The installer of a deployment: a ZIP for Windows, a tar.gz for Linux (only `tar` needed). */
export async function deploymentPackage(deployment: typeof deployments.$inferSelect, config: Pick<Config, "publicUrl" | "GATEWAY_PORT" | "GATEWAY_PUBLIC_URL">, root: string) {
  const files = {
    ...agentBuild(deployment.platform, root),
    serverJson: { gatewayUrl: gatewayUrlFor(config), enrollmentToken: deployment.enrollmentToken, installFlags: installArgs(deployment.installFlags) },
  };
  const windows = deployment.platform === "windows";
  return {
    body: windows ? await zipAgentPackage(files) : await tarGzAgentPackage(files),
    contentType: windows ? "application/zip" : "application/gzip",
    filename: `rmm-agent-${deployment.uuid}.${windows ? "zip" : "tar.gz"}`,
  };
}
