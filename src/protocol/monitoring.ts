/**
 * Monitoring configuration pushed to the agent: `monitoring-status` carries
 * the profiles (alert rules) assigned to it. The telemetry going the other
 * way is `monitoring-metrics` in metrics.ts.
 */
import { z } from "zod";
import { identifier, shortText } from "./common";
import { defineCommand, type CommandSpec } from "./envelope";

/**
 * What a rule watches, named as specification 000's reference server names them: CPU, memory and
 * disk usage in percent, network in KB/s received and sent together (from `monitoring-metrics`).
 */
export const RULE_METRICS = ["cpu", "ram", "disk-usage", "network"] as const;
export const monitoredMetric = z.enum(RULE_METRICS);

export const monitoringRule = z.object({
  metric: monitoredMetric,
  threshold: z.number(),
  windowSeconds: z.number().int().min(0).max(86_400).optional(),
  comparison: z.enum(["gt", "gte", "lt", "lte"]).optional(),
  severity: z.enum(["info", "warning", "critical"]).optional(),
});

export const monitoringProfile = z.object({
  id: identifier,
  name: shortText(256),
  rules: z.array(monitoringRule).max(100),
});

export const monitoringStatusCommand = defineCommand("monitoring-status", {
  profiles: z.array(monitoringProfile).max(100),
  metricsIntervalMs: z.number().int().min(1_000).max(3_600_000).optional(),
});

export const monitoringStatusResult = z.object({ profileCount: z.number().int().nonnegative() });

export const monitoringCommands = {
  "monitoring-status": { command: monitoringStatusCommand, result: monitoringStatusResult },
} satisfies Record<string, CommandSpec>;

export type MonitoringRule = z.infer<typeof monitoringRule>;
