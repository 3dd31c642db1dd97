/**
 * The checks answered from what the agent already reports, without asking it anything: disk space
 * from the latest inventory (per drive) or metrics (all local disks), CPU load and memory from the
 * latest `monitoring-metrics`. Metrics older than METRICS_STALE_MS say nothing (the agent is
 * probably offline): the check keeps its last outcome rather than flapping to passing.
 */
import { formatBytes } from "../../lib/format-bytes";
import type { CheckConfig } from "../contracts/checks";
import type { AgentMetrics, AgentSpecs } from "../db/schema";

export const METRICS_STALE_MS = 5 * 60_000;

export type CheckOutcome = { status: "passing" | "failing"; moreInfo: string };

type MetricConfig = Extract<CheckConfig, { checkType: "diskspace" | "cpuload" | "memory" }>;

export function isMetricCheck(config: CheckConfig): config is MetricConfig {
  return config.checkType === "diskspace" || config.checkType === "cpuload" || config.checkType === "memory";
}

const round = (value: number) => Math.round(value * 10) / 10;

function diskDrive(config: Extract<CheckConfig, { checkType: "diskspace" }>, specs: AgentSpecs | null): CheckOutcome | null {
  const wanted = config.drive!.replace(/[\\/]+$/, "").toLowerCase();
  const disk = specs?.disks?.find((candidate) => candidate.mount.replace(/[\\/]+$/, "").toLowerCase() === wanted || candidate.mount.toLowerCase() === config.drive!.toLowerCase());
  if (!disk) return { status: "failing", moreInfo: `${config.drive}: no such drive reported by the agent` };
  if (disk.totalBytes <= 0) return null;
  const freePercent = (disk.freeBytes / disk.totalBytes) * 100;
  const usedPercent = round(100 - freePercent);
  return {
    status: freePercent < config.threshold ? "failing" : "passing",
    moreInfo: `${disk.mount} ${usedPercent}% used (${formatBytes(disk.freeBytes)} free of ${formatBytes(disk.totalBytes)}), threshold ${config.threshold}% free`,
  };
}

export function evaluateMetricCheck(config: MetricConfig, agent: { metrics: AgentMetrics | null; specs: AgentSpecs | null }, now: Date): CheckOutcome | null {
  if (config.checkType === "diskspace" && config.drive) return diskDrive(config, agent.specs);
  const metrics = agent.metrics;
  if (!metrics || now.getTime() - Date.parse(metrics.at) > METRICS_STALE_MS) return null;
  if (config.checkType === "diskspace") {
    const free = 100 - metrics.diskPercent;
    return { status: free < config.threshold ? "failing" : "passing", moreInfo: `All local disks ${round(metrics.diskPercent)}% used (${round(free)}% free), threshold ${config.threshold}% free` };
  }
  const [label, value] = config.checkType === "cpuload" ? ["CPU load", metrics.cpuPercent] : ["Memory", metrics.memoryPercent];
  return { status: value > config.threshold ? "failing" : "passing", moreInfo: `${label} ${round(value)}%, threshold ${config.threshold}%` };
}
