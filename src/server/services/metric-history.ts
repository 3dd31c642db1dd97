/**
 * A device's metric history for charts: up to a day from the raw samples, beyond that from the
 * five-minute rollups, always averaged (and maximised) into steps so that an answer holds at most
 * about 720 points whatever the range. With it come the thresholds of the monitoring rules that
 * watch the device, so a chart can draw them.
 */
import { sql, type SQL } from "drizzle-orm";
import type { MetricHistory, MetricRange, MetricSeries } from "../contracts/metrics";
import type { Db } from "../db/client";
import { BUCKET_ORIGIN, sampleValue } from "../metrics/retention";
import { profilesForAgent } from "./monitoring-profiles";

type RangePlan = { seconds: number; stepSeconds: number; source: "raw" | "5m" };

export const RANGE_PLANS: Record<MetricRange, RangePlan> = {
  "1h": { seconds: 3_600, stepSeconds: 5, source: "raw" },
  "6h": { seconds: 6 * 3_600, stepSeconds: 30, source: "raw" },
  "24h": { seconds: 24 * 3_600, stepSeconds: 120, source: "raw" },
  "7d": { seconds: 7 * 86_400, stepSeconds: 900, source: "5m" },
  "30d": { seconds: 30 * 86_400, stepSeconds: 3_600, source: "5m" },
};

type Row = { at: string; cpu: number; cpu_max: number; memory: number; memory_max: number; disk: number; disk_max: number; rx: number; rx_max: number; tx: number; tx_max: number };

function rawQuery(agentId: string, from: Date, step: SQL): SQL {
  const pair = (path: Parameters<typeof sampleValue>[0], name: string) => sql`avg(${sampleValue(path)}) as ${sql.raw(name)}, max(${sampleValue(path)}) as ${sql.raw(`${name}_max`)}`;
  return sql`
    select extract(epoch from date_bin(${step}, at, ${BUCKET_ORIGIN}::timestamptz))::float8 as at,
      ${pair("cpuPercent", "cpu")}, ${pair("memoryPercent", "memory")}, ${pair("diskPercent", "disk")},
      ${pair("network,rxBytesPerSec", "rx")}, ${pair("network,txBytesPerSec", "tx")}
    from agent_metrics where agent_id = ${agentId} and at >= ${from.toISOString()}::timestamptz
    group by 1 order by 1`;
}

function rollupQuery(agentId: string, from: Date, step: SQL): SQL {
  // A step spans several buckets: their averages weigh by how many samples each one holds.
  const pair = (column: string, name: string) =>
    sql.raw(`sum(${column}_avg * samples) / sum(samples) as ${name}, max(${column}_max) as ${name}_max`);
  return sql`
    select extract(epoch from date_bin(${step}, bucket, ${BUCKET_ORIGIN}::timestamptz))::float8 as at,
      ${pair("cpu", "cpu")}, ${pair("memory", "memory")}, ${pair("disk", "disk")}, ${pair("rx", "rx")}, ${pair("tx", "tx")}
    from agent_metric_rollups where agent_id = ${agentId} and bucket >= ${from.toISOString()}::timestamptz
    group by 1 order by 1`;
}

function toSeries(rows: Row[]): MetricSeries {
  const column = (pick: (row: Row) => number) => rows.map((row) => Number(pick(row)));
  return {
    at: column((row) => Number(row.at)),
    cpu: column((row) => row.cpu),
    cpuMax: column((row) => row.cpu_max),
    memory: column((row) => row.memory),
    memoryMax: column((row) => row.memory_max),
    disk: column((row) => row.disk),
    diskMax: column((row) => row.disk_max),
    rx: column((row) => row.rx),
    rxMax: column((row) => row.rx_max),
    tx: column((row) => row.tx),
    txMax: column((row) => row.tx_max),
  };
}

/** The agent must already be known to exist and be visible to the caller (see agentProcedure). */
export async function metricHistory(db: Db, agentId: string, range: MetricRange, { now = new Date() } = {}): Promise<MetricHistory> {
  const plan = RANGE_PLANS[range];
  const from = new Date(now.getTime() - plan.seconds * 1000);
  const step = sql`${`${plan.stepSeconds} seconds`}::interval`;
  const [rows, ruleSet] = await Promise.all([
    db.execute<Row>(plan.source === "raw" ? rawQuery(agentId, from, step) : rollupQuery(agentId, from, step)),
    profilesForAgent(db, agentId),
  ]);
  const thresholds = (ruleSet?.profiles ?? []).flatMap((profile) =>
    profile.rules.map(({ metric, threshold, comparison, severity }) => ({ metric, threshold, comparison, severity, profileName: profile.name })),
  );
  return { range, source: plan.source, stepSeconds: plan.stepSeconds, from: from.toISOString(), to: now.toISOString(), series: toSeries([...rows]), thresholds };
}
