/**
 * Periodic `monitoring-metrics`, buffered and written in batches: one insert for the history and
 * one update per agent for the latest figures, every few seconds instead of per message. Each
 * sample is also a live stream chunk (topic `metrics:<agentId>`, event `metrics`, for specification
 * 002's metrics stream), gathered for a fraction of a second and stored in one statement.
 */
import { sql } from "drizzle-orm";
import type { MonitoringMetricsMessage } from "../protocol";
import type { Db } from "../server/db/client";
import { agentMetrics } from "../server/db/schema";
import { publishStreamEvents, type StreamChunk } from "../server/streams/publish";
import { streamTopic } from "../server/streams/topics";

const FLUSH_INTERVAL_MS = 5_000;
export const LIVE_FLUSH_INTERVAL_MS = 250;

export class MetricsStore {
  private buffer: { agentId: string; message: MonitoringMetricsMessage }[] = [];
  private live: StreamChunk[] = [];
  private liveTimer: NodeJS.Timeout | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly liveFlushMs = LIVE_FLUSH_INTERVAL_MS,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  add(agentId: string, message: MonitoringMetricsMessage): void {
    this.buffer.push({ agentId, message });
    const { type: _type, ...sample } = message;
    this.live.push({ topic: streamTopic("metrics", agentId), event: "metrics", data: { agentId, ...sample } });
    this.liveTimer ??= setTimeout(() => void this.flushLive(), this.liveFlushMs);
  }

  private async flushLive(): Promise<void> {
    this.liveTimer = undefined;
    const chunks = this.live;
    this.live = [];
    try {
      await publishStreamEvents(this.db, chunks);
    } catch (error) {
      console.error("[gateway] publishing live metrics failed:", error);
    }
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const rows = batch.map(({ agentId, message: { type: _type, ...data } }) => ({ agentId, at: new Date(data.at), data }));
    const latest = new Map(rows.map((row) => [row.agentId, row.data]));
    try {
      await this.db.transaction(async (tx) => {
        await tx.insert(agentMetrics).values(rows);
        const values = sql.join(
          [...latest].map(([agentId, data]) => sql`(${agentId}, ${JSON.stringify(data)}::jsonb)`),
          sql`, `,
        );
        await tx.execute(sql`update agents set metrics = v.data from (values ${values}) as v(id, data) where agents.id = v.id`);
      });
    } catch (error) {
      console.error("[gateway] storing metrics failed:", error);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.liveTimer);
    await Promise.all([this.flush(), this.flushLive()]);
  }
}
