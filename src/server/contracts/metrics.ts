/** Request and answer schemas of a device's metric history (charts on the device page). */
import { z } from "zod";
import { agentIdInput } from "./agents";

export const METRIC_RANGES = ["1h", "6h", "24h", "7d", "30d"] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];

export const metricHistoryInput = z.strictObject({ agentId: agentIdInput, range: z.enum(METRIC_RANGES) });

const column = z.array(z.number());

/**
 * Column-wise series (what a chart library takes): `at[i]` (Unix seconds, start of the step) goes
 * with the i-th value of every other column. Averages and maxima over each step; network in bytes
 * per second. Steps without samples are left out.
 */
export const metricSeries = z.object({
  at: column,
  cpu: column,
  cpuMax: column,
  memory: column,
  memoryMax: column,
  disk: column,
  diskMax: column,
  rx: column,
  rxMax: column,
  tx: column,
  txMax: column,
});
export type MetricSeries = z.infer<typeof metricSeries>;

export const metricThreshold = z.object({
  /** cpu, ram, disk-usage or network (received + sent, in KB/s). */
  metric: z.string(),
  threshold: z.number(),
  comparison: z.string(),
  severity: z.string(),
  profileName: z.string(),
});
export type MetricThreshold = z.infer<typeof metricThreshold>;

export const metricHistoryResult = z.object({
  range: z.enum(METRIC_RANGES),
  /** raw: from the samples of the last day; 5m: from five-minute rollups. */
  source: z.enum(["raw", "5m"]),
  stepSeconds: z.number().int(),
  from: z.string(),
  to: z.string(),
  series: metricSeries,
  /** The alert thresholds of the monitoring profiles that watch the device. */
  thresholds: z.array(metricThreshold),
});
export type MetricHistory = z.infer<typeof metricHistoryResult>;
