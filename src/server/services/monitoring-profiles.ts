/**
 * Monitoring profiles (threshold rules) and alert profiles (where an alert goes), and which agents
 * a profile watches: those assigned directly and those of assigned groups. Every change rings the
 * gateways (they reload the rules they evaluate) and sends the agents concerned their profiles
 * (`monitoring-status`, queued so that an offline agent gets it when it connects).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { CommandPayload } from "../../protocol";
import { CHANNELS, notify } from "../bus/channels";
import { DEFAULT_GROUP } from "../contracts/groups";
import type { z } from "zod";
import type { createAlertProfileInput, CreateMonitoringProfileInput, MonitoringProfile } from "../contracts/monitoring";
import type { Db } from "../db/client";
import { agents, alertProfiles, alerts, groups, monitoringAssignments, monitoringProfiles, monitoringRules } from "../db/schema";
import { AppError } from "../errors";
import type { RuleMetric } from "../monitoring/metrics";
import type { Comparison } from "../monitoring/rule-evaluation";
import { queueCommand } from "./agent-commands";
import { sealIntegrationSecret } from "./integrations";
import type { AlertSeverity } from "../contracts/monitoring";
import type { ServiceContext } from "./service-context";
import { agentsVisibleTo, maySeeAgent } from "./tenancy";

/** How long a queued `monitoring-status` waits for an offline agent. */
const STATUS_TTL_MS = 24 * 3_600_000;

/** A stored rule as the API shows it (the columns are text; the contract checked them on the way in). */
function toRule({ id, metric, threshold, windowSeconds, comparison, severity }: typeof monitoringRules.$inferSelect): MonitoringProfile["rules"][number] {
  return { id, metric: metric as RuleMetric, threshold, windowSeconds, comparison: comparison as Comparison, severity: severity as AlertSeverity };
}

const profileNotFound = (id: string) => new AppError("NOT_FOUND", `Monitoring profile ${id} not found`);

export async function listMonitoringProfiles(ctx: Pick<ServiceContext, "db" | "actor">): Promise<MonitoringProfile[]> {
  const { db } = ctx;
  const profiles = await db.select().from(monitoringProfiles).orderBy(asc(monitoringProfiles.name), asc(monitoringProfiles.createdAt));
  if (profiles.length === 0) return [];
  const ids = profiles.map((profile) => profile.id);
  const rules = await db.select().from(monitoringRules).where(inArray(monitoringRules.profileId, ids)).orderBy(asc(monitoringRules.position));
  const assignments = await db.select().from(monitoringAssignments).where(inArray(monitoringAssignments.profileId, ids));
  // Someone limited to some clients is shown only the agents they may see.
  const agentIds = [...new Set(assignments.filter((a) => a.targetType === "agent").map((a) => a.targetId))];
  const visible = agentIds.length === 0 ? new Set<string>() : new Set((await db.select({ id: agents.id }).from(agents).where(and(inArray(agents.id, agentIds), agentsVisibleTo(ctx.actor)))).map((row) => row.id));
  return profiles.map((profile) => ({
    id: profile.id,
    name: profile.name,
    description: profile.description,
    alertProfileId: profile.alertProfileId,
    rules: rules
      .filter((rule) => rule.profileId === profile.id)
      .map(toRule),
    assignedAgents: assignments.filter((a) => a.profileId === profile.id && a.targetType === "agent" && visible.has(a.targetId)).map((a) => a.targetId),
    assignedGroups: assignments.filter((a) => a.profileId === profile.id && a.targetType === "group").map((a) => a.targetId),
    createdAt: profile.createdAt.toISOString(),
  }));
}

async function profileOrThrow(ctx: Pick<ServiceContext, "db" | "actor">, id: string): Promise<MonitoringProfile> {
  const profile = (await listMonitoringProfiles(ctx)).find((entry) => entry.id === id);
  if (!profile) throw profileNotFound(id);
  return profile;
}

export async function createMonitoringProfile(ctx: ServiceContext, input: CreateMonitoringProfileInput): Promise<MonitoringProfile> {
  if (input.alertProfileId) {
    const [alertProfile] = await ctx.db.select({ id: alertProfiles.id }).from(alertProfiles).where(eq(alertProfiles.id, input.alertProfileId));
    if (!alertProfile) throw new AppError("BAD_REQUEST", "No such alert profile", { details: [{ field: "alertProfileId", message: "no alert profile has this id" }] });
  }
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(monitoringProfiles).values({ id, name: input.name, description: input.description, alertProfileId: input.alertProfileId ?? null, createdBy: ctx.actor.username });
    await tx.insert(monitoringRules).values(input.rules.map((rule, position) => ({ ...rule, profileId: id, position })));
    await ctx.audit({ action: "monitoring.profile.create", target: id, details: { name: input.name, rules: input.rules.length } }, tx);
  });
  return profileOrThrow(ctx, id);
}

export async function assignMonitoringProfile(ctx: ServiceContext, input: { id: string; targetType: "agent" | "group"; targetId: string }): Promise<MonitoringProfile> {
  await profileOrThrow(ctx, input.id);
  if (input.targetType === "agent") {
    const [agent] = await ctx.db.select({ id: agents.id }).from(agents).where(and(eq(agents.id, input.targetId), isNull(agents.revokedAt)));
    if (!agent || !(await maySeeAgent(ctx.db, ctx.actor, input.targetId))) throw new AppError("NOT_FOUND", `Agent '${input.targetId}' not found`);
  } else {
    // A group spans clients: only someone who may reach every client assigns to it.
    if (ctx.actor.clientIds !== null) throw new AppError("FORBIDDEN", "Assigning to a group needs access to every client; assign to your agents instead");
    // The default group has no row of its own: it is where agents without one are.
    const [group] = input.targetId.toLowerCase() === DEFAULT_GROUP.toLowerCase() ? [{ name: DEFAULT_GROUP }] : await ctx.db.select({ name: groups.name }).from(groups).where(sql`lower(${groups.name}) = lower(${input.targetId})`);
    if (!group) throw new AppError("NOT_FOUND", `Group '${input.targetId}' not found`);
    input = { ...input, targetId: group.name };
  }
  await ctx.db.insert(monitoringAssignments).values({ profileId: input.id, targetType: input.targetType, targetId: input.targetId }).onConflictDoNothing();
  await ctx.audit({ action: "monitoring.profile.assign", target: input.id, details: { targetType: input.targetType, targetId: input.targetId } });
  await monitoringChanged(ctx.db, await agentsOfTarget(ctx.db, input.targetType, input.targetId));
  return profileOrThrow(ctx, input.id);
}

export async function deleteMonitoringProfile(ctx: ServiceContext, id: string): Promise<void> {
  const profile = await profileOrThrow(ctx, id);
  const affected = [...profile.assignedAgents, ...(await Promise.all(profile.assignedGroups.map((group) => agentsOfTarget(ctx.db, "group", group)))).flat()];
  await ctx.db.transaction(async (tx) => {
    // Its alert state goes with it: open alerts of its rules are closed.
    await tx.update(alerts).set({ status: "resolved", resolvedAt: new Date(), resolvedBy: "profile deleted" }).where(and(eq(alerts.profileId, id), ne(alerts.status, "resolved")));
    await tx.delete(monitoringProfiles).where(eq(monitoringProfiles.id, id));
    await ctx.audit({ action: "monitoring.profile.delete", target: id, details: { name: profile.name } }, tx);
  });
  await monitoringChanged(ctx.db, [...new Set(affected)]);
}

async function agentsOfTarget(db: Db, targetType: "agent" | "group", targetId: string): Promise<string[]> {
  if (targetType === "agent") return [targetId];
  const rows = await db.select({ id: agents.id }).from(agents).where(and(eq(agents.groupName, targetId), isNull(agents.revokedAt)));
  return rows.map((row) => row.id);
}

export type AgentRuleSet = {
  agentName: string;
  profiles: { id: string; name: string; alertProfileId: string | null; rules: MonitoringProfile["rules"] }[];
};

/** The profiles watching one agent (directly or through its group), for the evaluator and `monitoring-status`. */
export async function profilesForAgent(db: Db, agentId: string): Promise<AgentRuleSet | null> {
  const [agent] = await db.select({ name: sql<string>`coalesce(${agents.displayName}, ${agents.name})`, groupName: agents.groupName }).from(agents).where(eq(agents.id, agentId));
  if (!agent) return null;
  const assigned = await db
    .selectDistinct({ id: monitoringProfiles.id, name: monitoringProfiles.name, alertProfileId: monitoringProfiles.alertProfileId })
    .from(monitoringProfiles)
    .innerJoin(monitoringAssignments, eq(monitoringAssignments.profileId, monitoringProfiles.id))
    .where(
      or(
        and(eq(monitoringAssignments.targetType, "agent"), eq(monitoringAssignments.targetId, agentId)),
        and(eq(monitoringAssignments.targetType, "group"), eq(monitoringAssignments.targetId, agent.groupName)),
      ),
    );
  if (assigned.length === 0) return { agentName: agent.name, profiles: [] };
  const rules = await db.select().from(monitoringRules).where(inArray(monitoringRules.profileId, assigned.map((profile) => profile.id))).orderBy(asc(monitoringRules.position));
  return {
    agentName: agent.name,
    profiles: assigned.map((profile) => ({
      ...profile,
      rules: rules
        .filter((rule) => rule.profileId === profile.id)
        .map(toRule),
    })),
  };
}

export function monitoringStatusPayload(ruleSet: AgentRuleSet): CommandPayload<"monitoring-status"> {
  return { profiles: ruleSet.profiles.map(({ id, name, rules }) => ({ id, name, rules: rules.map(({ metric, threshold, windowSeconds, comparison, severity }) => ({ metric, threshold, windowSeconds, comparison, severity })) })) };
}

/**
 * Sends each agent its current profiles; an offline one receives them when it connects. With
 * `onlyWatched`, an agent that no profile watches is sent nothing (an agent saying hello).
 */
export async function queueMonitoringStatus(db: Db, agentIds: string[], { onlyWatched = false } = {}): Promise<void> {
  for (const agentId of agentIds) {
    const ruleSet = await profilesForAgent(db, agentId);
    if (!ruleSet || (onlyWatched && ruleSet.profiles.length === 0)) continue;
    await queueCommand(db, { id: randomUUID(), agentId, type: "monitoring-status", payload: monitoringStatusPayload(ruleSet), createdBy: null, expiresAt: new Date(Date.now() + STATUS_TTL_MS) });
  }
}

async function monitoringChanged(db: Db, agentIds: string[]): Promise<void> {
  await notify(db, CHANNELS.monitoringChanged, "");
  await queueMonitoringStatus(db, agentIds);
}

const alertProfileColumns = {
  id: alertProfiles.id,
  name: alertProfiles.name,
  emails: alertProfiles.emails,
  dashboard: alertProfiles.dashboard,
  remediationScript: alertProfiles.remediationScript,
  pushover: alertProfiles.pushover,
  webhookUrl: alertProfiles.webhookUrl,
};

export async function listAlertProfiles(db: Db) {
  return db.select(alertProfileColumns).from(alertProfiles).orderBy(asc(alertProfiles.name));
}

export async function createAlertProfile(ctx: ServiceContext, input: z.output<typeof createAlertProfileInput>) {
  // A webhook gets its own signing key, answered once; receivers check X-RMM-Signature with it.
  const webhookSigningKey = input.webhookUrl ? randomBytes(32).toString("base64url") : null;
  const [created] = await ctx.db
    .insert(alertProfiles)
    .values({
      name: input.name,
      emails: input.emails,
      dashboard: input.dashboard,
      remediationScript: input.remediationScript ?? null,
      pushover: input.pushover,
      webhookUrl: input.webhookUrl ?? null,
      webhookSecret: webhookSigningKey ? sealIntegrationSecret(webhookSigningKey) : null,
    })
    .returning(alertProfileColumns);
  await ctx.audit({ action: "alert-profile.create", target: created!.id, details: { name: input.name, emails: input.emails.length, pushover: input.pushover, webhook: input.webhookUrl ?? null } });
  return { ...created!, webhookSigningKey };
}
