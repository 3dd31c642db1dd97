/**
 * Rolls raw metric samples up into five-minute buckets (average and maximum per agent of CPU,
 * memory, disk and network). Each run recomputes every bucket from the last rolled-up one (minus
 * LATE_SAMPLE_SECONDS, for samples flushed or sent late) to the last bucket that has ended, and
 * upserts the result: a bucket is always overwritten with what the raw rows say, never added to,
 * so a repeated run, a retried job or two web processes at once cannot count a sample twice.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { BUCKET_ORIGIN, RAW_RETENTION_HOURS, ROLLUP_BUCKET_SECONDS, sampleValue as value } from "./retention";

/** A bucket is first rolled up this long after it ended (the gateway flushes samples every 5 s). */
export const SETTLE_SECONDS = 60;
/** The last rolled-up bucket and those this far before it are recomputed, so samples arriving late are counted. */
export const LATE_SAMPLE_SECONDS = 5 * 60;

const bucketFloor = (ms: number) => Math.floor(ms / 1000 / ROLLUP_BUCKET_SECONDS) * ROLLUP_BUCKET_SECONDS * 1000;

/** Rolls up what is due at `now`; answers the window it recomputed and how many buckets it wrote. */
export async function rollUpMetrics(db: Db, { now = new Date() } = {}): Promise<{ from: Date; to: Date; buckets: number }> {
  const to = new Date(bucketFloor(now.getTime() - SETTLE_SECONDS * 1000));
  const [{ last } = { last: null }] = await db.execute<{ last: string | null }>(sql`select max(bucket)::text as last from agent_metric_rollups`);
  const rawStart = now.getTime() - RAW_RETENTION_HOURS * 3_600_000;
  const from = new Date(bucketFloor(Math.max(rawStart, last ? new Date(last).getTime() - LATE_SAMPLE_SECONDS * 1000 : rawStart)));
  if (from >= to) return { from, to, buckets: 0 };
  const rows = await db.execute(sql`
    insert into agent_metric_rollups (agent_id, bucket, samples, cpu_avg, cpu_max, memory_avg, memory_max, disk_avg, disk_max, rx_avg, rx_max, tx_avg, tx_max)
    select agent_id, date_bin(${`${ROLLUP_BUCKET_SECONDS} seconds`}::interval, at, ${BUCKET_ORIGIN}::timestamptz), count(*),
      avg(${value("cpuPercent")}), max(${value("cpuPercent")}),
      avg(${value("memoryPercent")}), max(${value("memoryPercent")}),
      avg(${value("diskPercent")}), max(${value("diskPercent")}),
      avg(${value("network,rxBytesPerSec")}), max(${value("network,rxBytesPerSec")}),
      avg(${value("network,txBytesPerSec")}), max(${value("network,txBytesPerSec")})
    from agent_metrics
    where at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz
    group by 1, 2
    on conflict (agent_id, bucket) do update set
      samples = excluded.samples, cpu_avg = excluded.cpu_avg, cpu_max = excluded.cpu_max,
      memory_avg = excluded.memory_avg, memory_max = excluded.memory_max, disk_avg = excluded.disk_avg, disk_max = excluded.disk_max,
      rx_avg = excluded.rx_avg, rx_max = excluded.rx_max, tx_avg = excluded.tx_avg, tx_max = excluded.tx_max
    returning 1`);
  return { from, to, buckets: rows.length };
}
