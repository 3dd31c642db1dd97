/**
 * The metrics a monitoring rule can watch, under the names specification 000's reference server
 * uses (`cpu`, `ram`, `disk-usage`, `network`; `memory` and `disk` are accepted for `ram` and
 * `disk-usage`), and how each is read from an agent's `monitoring-metrics` sample.
 */
import { RULE_METRICS } from "../../protocol/monitoring";
import type { AgentMetrics } from "../db/schema";

export { RULE_METRICS };
export type RuleMetric = (typeof RULE_METRICS)[number];

export const METRIC_ALIASES: Record<string, RuleMetric> = { cpu: "cpu", ram: "ram", memory: "ram", "disk-usage": "disk-usage", disk: "disk-usage", network: "network" };

export const METRIC_LABELS: Record<RuleMetric, { label: string; unit: string }> = {
  cpu: { label: "CPU", unit: "%" },
  ram: { label: "Memory", unit: "%" },
  "disk-usage": { label: "Disk usage", unit: "%" },
  // The reference server measures network in KB/s, received and sent together.
  network: { label: "Network", unit: "KB/s" },
};

export type MetricSample = Pick<AgentMetrics, "cpuPercent" | "memoryPercent" | "diskPercent" | "network">;

export function metricValue(metric: RuleMetric, sample: MetricSample): number {
  switch (metric) {
    case "cpu":
      return sample.cpuPercent;
    case "ram":
      return sample.memoryPercent;
    case "disk-usage":
      return sample.diskPercent;
    case "network":
      return (sample.network.rxBytesPerSec + sample.network.txBytesPerSec) / 1024;
  }
}

export function formatMetric(metric: RuleMetric, value: number): string {
  const { unit } = METRIC_LABELS[metric];
  return `${Math.round(value * 10) / 10}${unit === "%" ? "%" : ` ${unit}`}`;
}
