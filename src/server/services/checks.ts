/**
 * Checks per agent: created by operators, listed to viewers (only for the agents they may see),
 * run by the checks job (src/server/checks/run-checks.ts). A check's alert profile decides who is
 * notified and which remediation script runs when it fails. Removing a check closes its open alert.
 */
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import type { CheckView, CreateCheckInput } from "../contracts/checks";
import { agents, alertProfiles, alerts, checks, type CheckRow } from "../db/schema";
import { AppError } from "../errors";
import type { ServiceContext } from "./service-context";
import { agentsVisibleTo } from "./tenancy";

export function toCheckView(row: CheckRow): CheckView {
  return {
    id: row.id,
    agentId: row.agentId,
    checkType: row.config.checkType,
    name: row.name,
    config: row.config,
    severity: row.severity as CheckView["severity"],
    alertProfileId: row.alertProfileId,
    status: row.status as CheckView["status"],
    moreInfo: row.moreInfo,
    lastRun: row.lastRun,
    createdAt: row.createdAt,
  };
}

export async function listChecks(ctx: Pick<ServiceContext, "db" | "actor">, input: { agentId?: string }): Promise<CheckView[]> {
  const rows = await ctx.db
    .select({ check: checks })
    .from(checks)
    .innerJoin(agents, eq(agents.id, checks.agentId))
    .where(and(agentsVisibleTo(ctx.actor), input.agentId ? eq(checks.agentId, input.agentId) : undefined))
    .orderBy(asc(checks.agentId), asc(checks.id));
  return rows.map(({ check }) => toCheckView(check));
}

export async function createCheck(ctx: ServiceContext, input: CreateCheckInput): Promise<CheckView> {
  const [agent] = await ctx.db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.id, input.agentId), isNull(agents.revokedAt), agentsVisibleTo(ctx.actor)));
  if (!agent) throw new AppError("NOT_FOUND", `Agent '${input.agentId}' not found`);
  if (input.alertProfileId) {
    const [profile] = await ctx.db.select({ id: alertProfiles.id }).from(alertProfiles).where(eq(alertProfiles.id, input.alertProfileId));
    if (!profile) throw new AppError("BAD_REQUEST", "No such alert profile", { details: [{ field: "alertProfileId", message: "no alert profile has this id" }] });
  }
  const [row] = await ctx.db
    .insert(checks)
    .values({ agentId: input.agentId, checkType: input.config.checkType, name: input.name, config: input.config, severity: input.severity, alertProfileId: input.alertProfileId ?? null, createdBy: ctx.actor.username })
    .returning();
  await ctx.audit({ action: "check.create", target: input.agentId, details: { checkId: row!.id, name: input.name, checkType: input.config.checkType } });
  return toCheckView(row!);
}

/** Removes a check of an agent the actor may see; its open alert is closed (`resolvedBy: "check removed"`). */
export async function deleteCheck(ctx: ServiceContext, id: number): Promise<{ id: number }> {
  const [row] = await ctx.db
    .select({ check: checks })
    .from(checks)
    .innerJoin(agents, eq(agents.id, checks.agentId))
    .where(and(eq(checks.id, id), agentsVisibleTo(ctx.actor)));
  if (!row) throw new AppError("NOT_FOUND", `Check ${id} not found`);
  await ctx.db.transaction(async (tx) => {
    await tx.update(alerts).set({ status: "resolved", resolvedAt: new Date(), resolvedBy: "check removed" }).where(and(eq(alerts.checkId, id), ne(alerts.status, "resolved")));
    await tx.delete(checks).where(eq(checks.id, id));
    await ctx.audit({ action: "check.delete", target: row.check.agentId, details: { checkId: id, name: row.check.name } }, tx);
  });
  return { id };
}
