/**
 * Presence: which agents are online and through which gateway. This gateway heartbeats its row
 * in `gateways` and sweeps agents held by a gateway whose heartbeat went stale (it crashed), so
 * they show offline within HEARTBEAT_STALE_MS + SWEEP_INTERVAL_MS (the web process sweeps too, for
 * when no gateway is left). `lastSeen` is written in batches, never per message.
 */
import { and, eq, inArray } from "drizzle-orm";
import { CHANNELS, notify } from "../server/bus/channels";
import type { Db } from "../server/db/client";
import { agents, gateways } from "../server/db/schema";
import { HEARTBEAT_INTERVAL_MS, markAgentsOfDeadGatewaysOffline } from "../server/services/presence";

const SWEEP_INTERVAL_MS = 5_000;
const LAST_SEEN_FLUSH_MS = 10_000;

export class Presence {
  private readonly seen = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly db: Db,
    readonly gatewayId: string,
  ) {}

  /** `replaces`: a gateway known to have died, retired now rather than when its heartbeat goes stale. */
  async start(options: { replaces?: string } = {}): Promise<void> {
    await this.db.insert(gateways).values({ id: this.gatewayId });
    this.timers.push(setInterval(() => void this.heartbeat(), HEARTBEAT_INTERVAL_MS));
    this.timers.push(setInterval(() => void this.sweepDeadGateways(), SWEEP_INTERVAL_MS));
    this.timers.push(setInterval(() => void this.flushLastSeen(), LAST_SEEN_FLUSH_MS));
    for (const timer of this.timers) timer.unref();
    await this.sweepDeadGateways(options.replaces ? [options.replaces] : []);
  }

  async markOnline(agentId: string, fields: Partial<typeof agents.$inferInsert>): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.update(agents).set({ ...fields, status: "online", gatewayId: this.gatewayId, lastSeen: new Date(), connectedAt: new Date() }).where(eq(agents.id, agentId));
      await notify(tx, CHANNELS.agentChanged, agentId);
    });
  }

  /** Only if this gateway still holds the agent (it may have reconnected elsewhere meanwhile). */
  async markOffline(agentId: string): Promise<void> {
    this.seen.delete(agentId);
    await this.db.transaction(async (tx) => {
      const changed = await tx
        .update(agents)
        .set({ status: "offline", gatewayId: null, lastSeen: new Date() })
        .where(and(eq(agents.id, agentId), eq(agents.gatewayId, this.gatewayId)))
        .returning({ id: agents.id });
      if (changed.length > 0) await notify(tx, CHANNELS.agentChanged, agentId);
    });
  }

  touch(agentId: string): void {
    this.seen.add(agentId);
  }

  /** Graceful stop: our agents go offline now, and our row disappears. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.db.transaction(async (tx) => {
      const changed = await tx
        .update(agents)
        .set({ status: "offline", gatewayId: null, lastSeen: new Date() })
        .where(eq(agents.gatewayId, this.gatewayId))
        .returning({ id: agents.id });
      for (const { id } of changed) await notify(tx, CHANNELS.agentChanged, id);
      await tx.delete(gateways).where(eq(gateways.id, this.gatewayId));
    });
  }

  private async heartbeat() {
    await this.db
      .update(gateways)
      .set({ heartbeatAt: new Date() })
      .where(eq(gateways.id, this.gatewayId))
      .catch((error: unknown) => console.error("[gateway] heartbeat failed:", error));
  }

  async sweepDeadGateways(exited: string[] = []): Promise<void> {
    await markAgentsOfDeadGatewaysOffline(this.db, { exited }).catch((error: unknown) => console.error("[gateway] presence sweep failed:", error));
  }

  private async flushLastSeen() {
    if (this.seen.size === 0) return;
    const ids = [...this.seen];
    this.seen.clear();
    await this.db
      .update(agents)
      .set({ lastSeen: new Date() })
      .where(and(inArray(agents.id, ids), eq(agents.gatewayId, this.gatewayId)))
      .catch((error: unknown) => console.error("[gateway] lastSeen flush failed:", error));
  }
}
