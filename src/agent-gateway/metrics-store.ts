/**
 * Periodic `monitoring-metrics`, buffered and written in batches: the history rows and the latest
 * figures per agent go in two statements, whatever the batch size, run side by side. Each
 * statement takes the whole batch as a single JSON parameter (unpacked by jsonb_to_recordset), so
 * neither PostgreSQL's 65,535-parameter limit nor per-row statements bound the rate. A batch goes
 * every FLUSH_INTERVAL_MS, or as soon as BATCH_ROWS samples are waiting; one batch is written at a
 * time, and while PostgreSQL falls behind the buffer holds at most MAX_BUFFERED samples, dropping
 * the oldest history (the latest figures still win) rather than growing without bound.
 *
 * Each sample is also a live stream chunk (topic `metrics:<agentId>`, event `metrics`, for
 * specification 002's metrics stream), gathered for a fraction of a second and stored in one
 * statement with one NOTIFY for the whole batch (publishStreamBatch), never one per sample.
 */
import { sql } from "drizzle-orm";
import type { MonitoringMetricsMessage } from "../protocol";
import type { Db } from "../server/db/client";
import { publishStreamBatch, type StreamChunk } from "../server/streams/publish";
import { streamTopic } from "../server/streams/topics";

export const FLUSH_INTERVAL_MS = 5_000;
export const LIVE_FLUSH_INTERVAL_MS = 250;
/** A batch this large is written at once instead of at the next interval. */
export const BATCH_ROWS = 10_000;
/** At most this many samples wait in memory; beyond, the oldest are dropped from the history. */
export const MAX_BUFFERED = 200_000;

type Sample = Omit<MonitoringMetricsMessage, "type">;
export type FlushReport = { rows: number; agents: number; ms: number; dropped: number };
export type MetricsStoreOptions = { liveFlushMs?: number; live?: boolean; maxBuffered?: number; onFlush?: (report: FlushReport) => void };

export class MetricsStore {
  private buffer: { agentId: string; sample: Sample }[] = [];
  private live: StreamChunk[] = [];
  private liveTimer: NodeJS.Timeout | undefined;
  private readonly timer: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private queued = false;
  private dropped = 0;

  constructor(
    private readonly db: Db,
    private readonly options: MetricsStoreOptions = {},
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  add(agentId: string, message: MonitoringMetricsMessage): void {
    const { type: _type, ...sample } = message;
    this.buffer.push({ agentId, sample });
    const maxBuffered = this.options.maxBuffered ?? MAX_BUFFERED;
    if (this.buffer.length > maxBuffered) {
      const excess = this.buffer.length - maxBuffered;
      this.buffer.splice(0, excess);
      this.dropped += excess;
    }
    if (this.buffer.length >= BATCH_ROWS && !this.queued) void this.flush();
    if (this.options.live === false) return;
    this.live.push({ topic: streamTopic("metrics", agentId), event: "metrics", data: { agentId, ...sample } });
    this.liveTimer ??= setTimeout(() => void this.flushLive(), this.options.liveFlushMs ?? LIVE_FLUSH_INTERVAL_MS);
  }

  private async flushLive(): Promise<void> {
    this.liveTimer = undefined;
    const chunks = this.live;
    this.live = [];
    try {
      await publishStreamBatch(this.db, "metrics", chunks);
    } catch (error) {
      console.error("[gateway] publishing live metrics failed:", error);
    }
  }

  /** Writes what is buffered once the batch before it is written; resolves when it is. */
  flush(): Promise<void> {
    if (this.queued) return this.writing;
    this.queued = true;
    this.writing = this.writing.then(() => {
      this.queued = false;
      return this.write();
    });
    return this.writing;
  }

  private async write(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer.splice(0, this.buffer.length);
    const latest = new Map(batch.map(({ agentId, sample }) => [agentId, sample]));
    const started = performance.now();
    try {
      const rows = JSON.stringify(batch.map(({ agentId, sample }) => ({ agent_id: agentId, data: sample })));
      const figures = JSON.stringify([...latest].map(([id, data]) => ({ id, data })));
      // Independent statements on two connections at once: the history and the latest figures
      // need no common transaction, and neither waits for the other.
      await Promise.all([
        this.db.execute(sql`
          insert into agent_metrics (agent_id, at, data)
          select r.agent_id, (r.data ->> 'at')::timestamptz, r.data from jsonb_to_recordset(${rows}::jsonb) as r(agent_id text, data jsonb)
          -- An agent removed meanwhile loses its samples, not the whole batch.
          where exists (select 1 from agents where agents.id = r.agent_id)`),
        this.db.execute(sql`update agents set metrics = v.data from jsonb_to_recordset(${figures}::jsonb) as v(id text, data jsonb) where agents.id = v.id`),
      ]);
    } catch (error) {
      console.error("[gateway] storing metrics failed:", error);
    }
    const dropped = this.dropped;
    this.dropped = 0;
    if (dropped > 0) console.error(`[gateway] metrics arrive faster than they are stored: ${dropped} samples dropped from the history`);
    this.options.onFlush?.({ rows: batch.length, agents: latest.size, ms: performance.now() - started, dropped });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.liveTimer);
    await Promise.all([this.flush(), this.flushLive()]);
  }
}
