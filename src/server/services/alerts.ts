/**
 * Alerts, one model for every source: raised and auto-resolved by the monitoring evaluator (in the
 * gateway, which holds the samples), acknowledged and resolved by people. Each change is a
 * monitoring event, so the dashboard's alert centre and `GET /monitoring/events` hear of it at
 * once. An actor limited to some clients sees and touches only their agents' alerts: another
 * client's alert is "not found".
 */
import { and, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { AlertSeverity } from "../contracts/monitoring";
import type { Db } from "../db/client";
import { agents, alerts, type AlertRow } from "../db/schema";
import { AppError } from "../errors";
import { publishMonitoringEvent } from "../monitoring/events";
import { queueAlertNotifications } from "../notifications/outbox";
import { METRIC_LABELS, formatMetric, type RuleMetric } from "../monitoring/metrics";
import type { Comparison } from "../monitoring/rule-evaluation";
import type { ServiceContext } from "./service-context";
import { agentsVisibleTo } from "./tenancy";


const COMPARISON_WORDS: Record<Comparison, string> = { gt: "above", gte: "at or above", lt: "below", lte: "at or below" };

export type RuleBreach = {
  agentId: string;
  agentName: string;
  profile: { id: string; name: string; alertProfileId: string | null };
  rule: { id: string; metric: RuleMetric; threshold: number; windowSeconds: number; comparison: Comparison; severity: AlertSeverity };
  value: number;
};

export function ruleAlertMessage({ rule, value }: Pick<RuleBreach, "rule" | "value">): string {
  const { label } = METRIC_LABELS[rule.metric];
  const over = rule.windowSeconds === 0 ? "" : ` over ${rule.windowSeconds} s`;
  return `${label} ${COMPARISON_WORDS[rule.comparison]} ${formatMetric(rule.metric, rule.threshold)}: ${formatMetric(rule.metric, value)} on average${over}`;
}

/** Raises the rule's alert unless one is open already (then nothing happens); true when raised. */
export async function raiseRuleAlert(db: Db, breach: RuleBreach): Promise<boolean> {
  const { agentId, agentName, profile, rule, value } = breach;
  const [raised] = await db
    .insert(alerts)
    .values({ agentId, alertType: "rule", profileId: profile.id, ruleId: rule.id, severity: rule.severity, message: ruleAlertMessage(breach), value, threshold: rule.threshold })
    .onConflictDoNothing({ target: [alerts.agentId, alerts.ruleId], where: sql`${alerts.status} <> 'resolved' and ${alerts.ruleId} is not null` })
    .returning({ id: alerts.id, message: alerts.message });
  if (!raised) return false;
  const common = { agentId, agentName, profileId: profile.id, profileName: profile.name };
  await queueAlertNotifications(db, raised.id, profile.alertProfileId, {
    subject: `[${rule.severity}] ${agentName}: ${raised.message}`,
    text: `${raised.message}\n\nDevice: ${agentName} (${agentId})\nMonitoring profile: ${profile.name}\nRaised: ${new Date().toISOString()}`,
    event: { type: "alert", alertId: raised.id, ...common, metric: rule.metric, threshold: rule.threshold, value, severity: rule.severity, message: raised.message },
  });
  await publishMonitoringEvent(db, "alert", {
    ...common,
    alertId: raised.id,
    ruleId: rule.id,
    metric: rule.metric,
    threshold: rule.threshold,
    comparison: rule.comparison,
    value,
    severity: rule.severity,
    message: raised.message,
    alertProfileId: profile.alertProfileId,
  });
  await publishMonitoringEvent(db, "monitoring-state", { ...common, triggered: true, status: "triggered" });
  return true;
}

/** The condition cleared by itself: the open alert of that rule is resolved as `auto`. */
export async function autoResolveRuleAlert(db: Db, input: { agentId: string; agentName: string; profile: { id: string; name: string }; ruleId: string; value: number }): Promise<boolean> {
  const resolved = await db
    .update(alerts)
    .set({ status: "resolved", resolvedAt: new Date(), resolvedBy: "auto" })
    .where(and(eq(alerts.agentId, input.agentId), eq(alerts.ruleId, input.ruleId), ne(alerts.status, "resolved")))
    .returning({ id: alerts.id });
  if (resolved.length === 0) return false;
  const common = { agentId: input.agentId, agentName: input.agentName, profileId: input.profile.id, profileName: input.profile.name };
  for (const { id } of resolved) await publishMonitoringEvent(db, "alert-resolved", { ...common, alertId: id, ruleId: input.ruleId, value: input.value, resolvedBy: "auto" });
  await publishMonitoringEvent(db, "monitoring-state", { ...common, triggered: false, status: "resolved" });
  return true;
}

/** Rules of this agent with an open (or acknowledged) alert. */
export async function openRuleAlerts(db: Db, agentId: string): Promise<Set<string>> {
  const rows = await db.select({ ruleId: alerts.ruleId }).from(alerts).where(and(eq(alerts.agentId, agentId), ne(alerts.status, "resolved")));
  return new Set(rows.flatMap((row) => (row.ruleId ? [row.ruleId] : [])));
}

export type AlertView = AlertRow & { agentName: string };

const alertColumns = { alert: alerts, agentName: sql<string>`coalesce(${agents.displayName}, ${agents.name})` };

export async function listAlerts(ctx: Pick<ServiceContext, "db" | "actor">, input: { state?: "active" | "resolved" | "all"; agentId?: string; limit?: number }): Promise<AlertView[]> {
  const state = input.state ?? "active";
  const rows = await ctx.db
    .select(alertColumns)
    .from(alerts)
    .innerJoin(agents, eq(agents.id, alerts.agentId))
    .where(
      and(
        agentsVisibleTo(ctx.actor),
        input.agentId ? eq(alerts.agentId, input.agentId) : undefined,
        state === "active" ? ne(alerts.status, "resolved") : state === "resolved" ? eq(alerts.status, "resolved") : undefined,
      ),
    )
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(input.limit ?? 500);
  return rows.map(({ alert, agentName }) => ({ ...alert, agentName }));
}

/** Open alerts per agent and in total, for the header and the device list. */
export async function alertCounts(ctx: Pick<ServiceContext, "db" | "actor">): Promise<{ open: number; critical: number; byAgent: Record<string, number> }> {
  const rows = await ctx.db
    .select({ agentId: alerts.agentId, severity: alerts.severity, value: count() })
    .from(alerts)
    .innerJoin(agents, eq(agents.id, alerts.agentId))
    .where(and(agentsVisibleTo(ctx.actor), inArray(alerts.status, ["open", "acknowledged"])))
    .groupBy(alerts.agentId, alerts.severity);
  const byAgent: Record<string, number> = {};
  let open = 0;
  let critical = 0;
  for (const row of rows) {
    byAgent[row.agentId] = (byAgent[row.agentId] ?? 0) + row.value;
    open += row.value;
    if (row.severity === "critical") critical += row.value;
  }
  return { open, critical, byAgent };
}

async function visibleAlert(ctx: Pick<ServiceContext, "db" | "actor">, id: number): Promise<AlertView> {
  const [row] = await ctx.db
    .select(alertColumns)
    .from(alerts)
    .innerJoin(agents, eq(agents.id, alerts.agentId))
    .where(and(eq(alerts.id, id), agentsVisibleTo(ctx.actor)));
  if (!row) throw new AppError("NOT_FOUND", `Alert ${id} not found`);
  return { ...row.alert, agentName: row.agentName };
}

export async function acknowledgeAlert(ctx: ServiceContext, id: number): Promise<AlertView> {
  const alert = await visibleAlert(ctx, id);
  if (alert.status === "resolved") throw new AppError("CONFLICT", `Alert ${id} is resolved already`);
  if (alert.status === "acknowledged") return alert;
  const [updated] = await ctx.db.update(alerts).set({ status: "acknowledged", acknowledgedAt: new Date(), acknowledgedBy: ctx.actor.username }).where(eq(alerts.id, id)).returning();
  await ctx.audit({ action: "alert.acknowledge", target: alert.agentId, details: { alertId: id } });
  await publishMonitoringEvent(ctx.db, "alert-acknowledged", { agentId: alert.agentId, agentName: alert.agentName, profileId: alert.profileId, alertId: id, user: ctx.actor.username });
  return { ...updated!, agentName: alert.agentName };
}

export async function resolveAlert(ctx: ServiceContext, id: number): Promise<AlertView> {
  const alert = await visibleAlert(ctx, id);
  if (alert.status === "resolved") return alert;
  const [updated] = await ctx.db.update(alerts).set({ status: "resolved", resolvedAt: new Date(), resolvedBy: ctx.actor.username }).where(eq(alerts.id, id)).returning();
  await ctx.audit({ action: "alert.resolve", target: alert.agentId, details: { alertId: id } });
  await publishMonitoringEvent(ctx.db, "alert-resolved", { agentId: alert.agentId, agentName: alert.agentName, profileId: alert.profileId, alertId: id, resolvedBy: ctx.actor.username });
  return { ...updated!, agentName: alert.agentName };
}
