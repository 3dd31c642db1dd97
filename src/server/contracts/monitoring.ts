/** Request and response schemas of monitoring profiles, alert profiles, alerts and monitoring events. */
import { z } from "zod";
import { COMPARISONS } from "../monitoring/rule-evaluation";
import { METRIC_ALIASES, RULE_METRICS } from "../monitoring/metrics";
import { agentIdInput } from "./agents";
import { groupNameSchema } from "./groups";

export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

const name = z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(128, "must be at most 128 characters");

export const ruleMetricInput = z
  .string({ error: "must be a string" })
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.string().refine((value) => value in METRIC_ALIASES, { message: `must be one of ${Object.keys(METRIC_ALIASES).join(", ")}` }))
  .transform((value) => METRIC_ALIASES[value]!);

export const ruleInput = z.strictObject({
  metric: ruleMetricInput,
  threshold: z.number({ error: "must be a number" }).finite().min(0, "must not be negative").max(1e9),
  /** Averaged over this window; 0 compares the latest sample alone. Bounded so the gateway keeps at most an hour of samples. */
  windowSeconds: z.number({ error: "must be a number" }).int().min(0).max(3600, "must be at most 3600").default(30),
  comparison: z.enum(COMPARISONS).default("gte"),
  severity: z.enum(ALERT_SEVERITIES).default("warning"),
});

export const createMonitoringProfileInput = z.strictObject({
  name,
  description: z.string().trim().max(1000).default(""),
  alertProfileId: z.uuid({ error: "must be an alert profile id" }).nullish(),
  rules: z.array(ruleInput).min(1, "at least one rule is required").max(50),
});
export type CreateMonitoringProfileInput = z.infer<typeof createMonitoringProfileInput>;

export const monitoringProfileIdInput = z.strictObject({ id: z.uuid({ error: "must be a profile id" }) });

export const assignMonitoringProfileInput = z.discriminatedUnion("targetType", [
  z.strictObject({ id: z.uuid({ error: "must be a profile id" }), targetType: z.literal("agent"), targetId: agentIdInput }),
  z.strictObject({ id: z.uuid({ error: "must be a profile id" }), targetType: z.literal("group"), targetId: groupNameSchema }),
]);

export const monitoringRule = z.object({
  id: z.uuid(),
  metric: z.enum(RULE_METRICS),
  threshold: z.number(),
  windowSeconds: z.number().int(),
  comparison: z.enum(COMPARISONS),
  severity: z.enum(ALERT_SEVERITIES),
});

export const monitoringProfile = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  alertProfileId: z.uuid().nullable(),
  rules: z.array(monitoringRule),
  assignedAgents: z.array(z.string()),
  assignedGroups: z.array(z.string()),
  createdAt: z.string(),
});
export type MonitoringProfile = z.infer<typeof monitoringProfile>;

export const createAlertProfileInput = z.strictObject({
  name,
  emails: z.array(z.email({ error: "must be an email address" })).max(50).default([]),
  dashboard: z.boolean().default(true),
  remediationScript: z.string().trim().min(1).max(256).nullish(),
  /** Send through the Pushover integration too. */
  pushover: z.boolean().default(false),
  /** POST a signed JSON body here (https, or http for hosts on your own network). */
  webhookUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048).nullish(),
});

export const alertProfile = z.object({
  id: z.uuid(),
  name: z.string(),
  emails: z.array(z.string()),
  dashboard: z.boolean(),
  remediationScript: z.string().nullable(),
  pushover: z.boolean(),
  webhookUrl: z.string().nullable(),
});

/** The answer to creating one: the webhook's signing key is shown this once. */
export const createdAlertProfile = alertProfile.extend({ webhookSigningKey: z.string().nullable() });

export const alertView = z.object({
  id: z.number().int(),
  agentId: z.string(),
  agentName: z.string(),
  alertType: z.string(),
  profileId: z.string().nullable(),
  ruleId: z.string().nullable(),
  severity: z.enum(ALERT_SEVERITIES),
  message: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  status: z.enum(["open", "acknowledged", "resolved"]),
  createdAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedBy: z.string().nullable(),
  snoozedUntil: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  resolvedBy: z.string().nullable(),
});

export const listAlertsInput = z.strictObject({
  state: z.enum(["active", "resolved", "all"]).default("active"),
  agentId: agentIdInput.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const alertIdInput = z.strictObject({ id: z.number({ error: "must be an alert id" }).int("must be an alert id").positive("must be an alert id").max(2 ** 31 - 1, "must be an alert id") });

export const alertCounts = z.object({ open: z.number().int(), critical: z.number().int(), byAgent: z.record(z.string(), z.number().int()) });

export const monitoringHistoryInput = z.strictObject({
  agentId: agentIdInput.optional(),
  profileId: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const monitoringHistoryEntry = z.object({ eventName: z.string(), payload: z.record(z.string(), z.unknown()) });

export const notificationDelivery = z.object({
  id: z.number().int(),
  alertId: z.number().int(),
  channel: z.enum(["email", "pushover", "webhook"]),
  target: z.string(),
  subject: z.string(),
  status: z.enum(["pending", "sending", "sent", "failed"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  nextAttemptAt: z.date(),
});
