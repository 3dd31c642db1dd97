/**
 * How metric history is kept: raw samples for a day, five-minute rollups for a month, and how a
 * figure is read from a stored sample. Shared by the rollup job, the cleanup and the history queries.
 */
import { sql, type SQL } from "drizzle-orm";

export const RAW_RETENTION_HOURS = 24;
export const ROLLUP_RETENTION_DAYS = 30;
export const ROLLUP_BUCKET_SECONDS = 300;
/** Buckets are aligned on this origin (whole five minutes of UTC). */
export const BUCKET_ORIGIN = "2000-01-01T00:00:00Z";

/** A figure of an agent_metrics row's `data` (a `monitoring-metrics` sample), e.g. `network,rxBytesPerSec`. */
export function sampleValue(path: "cpuPercent" | "memoryPercent" | "diskPercent" | "network,rxBytesPerSec" | "network,txBytesPerSec"): SQL {
  return sql.raw(`(data #>> '{${path}}')::float8`);
}
