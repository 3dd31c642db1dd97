/**
 * Alerts, one model for every source: raised and auto-resolved by the monitoring evaluator (in the
 * gateway, which holds the samples) and by the checks job, acknowledged and resolved by people. Each change is a
 * monitoring event, so the dashboard's alert centre and `GET /monitoring/events` hear of it at
 * once. An actor limited to some clients sees and touches only their agents' alerts: another
 * client's alert is "not found".
 */
import { and, count, desc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { AlertSeverity } from "../contracts/monitoring";
import type { Db } from "../db/client";
import { agents, alerts, type AlertRow } from "../db/schema";
import { AppError } from "../errors";
import { publishMonitoringEvent } from "../monitoring/events";
import { queueAlertNotifications } from "../notifications/outbox";
import { queueRemediation } from "../remediation/queue";
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

/** What every newly raised alert sets off: notifications, the remediation script, and the `alert` and `monitoring-state` events. */
type Raised = {
  alertId: number;
  agentId: string;
  agentName: string;
  alertProfileId: string | null;
  severity: AlertSeverity;
  message: string;
  /** Who raised it, for the notification text (e.g. "Monitoring profile: Servers"). */
  origin: string;
  /** Fields naming the source in every event (profile, check). */
  common: Record<string, unknown>;
  /** Source-specific fields of the `alert` event and the notification's event. */
  details: Record<string, unknown>;
};

async function announceRaised(db: Db, raised: Raised): Promise<void> {
  const { alertId, agentId, agentName, severity, message } = raised;
  const common = { agentId, agentName, ...raised.common };
  await queueAlertNotifications(db, alertId, raised.alertProfileId, {
    subject: `[${severity}] ${agentName}: ${message}`,
    text: `${message}\n\nDevice: ${agentName} (${agentId})\n${raised.origin}\nRaised: ${new Date().toISOString()}`,
    event: { type: "alert", alertId, ...common, ...raised.details, severity, message },
  });
  await publishMonitoringEvent(db, "alert", { ...common, alertId, ...raised.details, severity, message, alertProfileId: raised.alertProfileId });
  await publishMonitoringEvent(db, "monitoring-state", { ...common, triggered: true, status: "triggered" });
  await queueRemediation(db, { alertId, agentId, agentName, alertProfileId: raised.alertProfileId });
}

/** Resolves `where`'s open alerts as `auto` and says so; true when there was one. */
async function autoResolve(db: Db, where: SQL | undefined, common: { agentId: string; agentName: string } & Record<string, unknown>, details: Record<string, unknown>): Promise<boolean> {
  const resolved = await db.update(alerts).set({ status: "resolved", resolvedAt: new Date(), resolvedBy: "auto" }).where(and(where, ne(alerts.status, "resolved"))).returning({ id: alerts.id });
  if (resolved.length === 0) return false;
  for (const { id } of resolved) await publishMonitoringEvent(db, "alert-resolved", { ...common, alertId: id, ...details, resolvedBy: "auto" });
  await publishMonitoringEvent(db, "monitoring-state", { ...common, triggered: false, status: "resolved" });
  return true;
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
  await announceRaised(db, {
    alertId: raised.id,
    agentId,
    agentName,
    alertProfileId: profile.alertProfileId,
    severity: rule.severity,
    message: raised.message,
    origin: `Monitoring profile: ${profile.name}`,
    common: { profileId: profile.id, profileName: profile.name },
    details: { ruleId: rule.id, metric: rule.metric, threshold: rule.threshold, comparison: rule.comparison, value },
  });
  return true;
}

/** The condition cleared by itself: the open alert of that rule is resolved as `auto`. */
export async function autoResolveRuleAlert(db: Db, input: { agentId: string; agentName: string; profile: { id: string; name: string }; ruleId: string; value: number }): Promise<boolean> {
  const common = { agentId: input.agentId, agentName: input.agentName, profileId: input.profile.id, profileName: input.profile.name };
  return autoResolve(db, and(eq(alerts.agentId, input.agentId), eq(alerts.ruleId, input.ruleId)), common, { ruleId: input.ruleId, value: input.value });
}

export type FailingCheck = {
  agentId: string;
  agentName: string;
  check: { id: number; name: string; checkType: string; severity: AlertSeverity; alertProfileId: string | null };
  moreInfo: string;
};

/** Raises the check's alert unless one is open already (one per agent and check); true when raised. */
export async function raiseCheckAlert(db: Db, failing: FailingCheck): Promise<boolean> {
  const { agentId, agentName, check } = failing;
  const message = `Check "${check.name}" (${check.checkType}) failing: ${failing.moreInfo}`;
  const [raised] = await db
    .insert(alerts)
    .values({ agentId, alertType: "check", checkId: check.id, severity: check.severity, message })
    .onConflictDoNothing({ target: [alerts.agentId, alerts.checkId], where: sql`${alerts.status} <> 'resolved' and ${alerts.checkId} is not null` })
    .returning({ id: alerts.id });
  if (!raised) return false;
  await announceRaised(db, {
    alertId: raised.id,
    agentId,
    agentName,
    alertProfileId: check.alertProfileId,
    severity: check.severity,
    message,
    origin: `Check: ${check.name} (${check.checkType})`,
    common: { checkId: check.id, checkName: check.name },
    details: { checkType: check.checkType, moreInfo: failing.moreInfo },
  });
  return true;
}

/** The check passes again: its open alert is resolved as `auto`. */
export async function autoResolveCheckAlert(db: Db, input: { agentId: string; agentName: string; check: { id: number; name: string }; moreInfo: string }): Promise<boolean> {
  const common = { agentId: input.agentId, agentName: input.agentName, checkId: input.check.id, checkName: input.check.name };
  return autoResolve(db, and(eq(alerts.agentId, input.agentId), eq(alerts.checkId, input.check.id)), common, { moreInfo: input.moreInfo });
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
    // A snoozed alert is still active, but nobody needs reminding of it until the snooze ends.
    .where(and(agentsVisibleTo(ctx.actor), inArray(alerts.status, ["open", "acknowledged"]), or(isNull(alerts.snoozedUntil), lte(alerts.snoozedUntil, new Date()))))
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

/** Quiets an alert for a while (0 minutes ends a snooze): left out of the counts, still listed. */
export async function snoozeAlert(ctx: ServiceContext, id: number, minutes: number): Promise<AlertView> {
  const alert = await visibleAlert(ctx, id);
  if (alert.status === "resolved") throw new AppError("CONFLICT", `Alert ${id} is resolved already`);
  const snoozedUntil = minutes === 0 ? null : new Date(Date.now() + minutes * 60_000);
  const [updated] = await ctx.db.update(alerts).set({ snoozedUntil }).where(eq(alerts.id, id)).returning();
  await ctx.audit({ action: "alert.snooze", target: alert.agentId, details: { alertId: id, minutes } });
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
