/**
 * Presence: which agents are online and through which gateway. This gateway heartbeats its row in
 * `gateways`, then sweeps agents held by a gateway whose heartbeat went stale (it crashed), so they
 * show offline within the presence timeout plus a beat (the web process sweeps too, for when no
 * gateway is left). `lastSeen` is written in batches, never per message.
 *
 * A gateway can be declared dead while it is alive: paused past the timeout (SIGSTOP, a long GC, a
 * frozen VM) or cut off from PostgreSQL, a sweep deletes its row and marks its agents offline while
 * their sockets stay open. When its heartbeat finds the row gone, or it notices it has not beaten
 * for longer than the timeout, or the bus has just reconnected, it `reconcile`s: one statement
 * re-inserts its row, marks every agent whose socket it holds online again (and any agent recorded
 * as its own but no longer held offline), and notifies each change; commands queued for the
 * restored agents are then delivered. We restore rather than drop the sockets and let agents
 * reconnect because that is one round trip instead of a reconnect storm: every agent would wait
 * its backoff (up to 0.5 s on the first attempt, more if the gateway is still busy), then
 * authenticate, hello and mark itself online, one statement each, and commands in flight on the
 * dropped sockets would have to be re-sent. The sockets are known to be alive: a dead one is found
 * by the gateway's ping within one interval either way.
 */
import { and, eq, inArray, isNull, lt, not, sql } from "drizzle-orm";
import { CHANNELS, notify } from "../server/bus/channels";
import { isDatabaseUnavailable } from "../server/db/availability";
import type { Db } from "../server/db/client";
import { agents, gateways } from "../server/db/schema";
import { DEFAULT_PRESENCE_TIMEOUT_MS, heartbeatIntervalMs, markAgentsOfDeadGatewaysOffline } from "../server/services/presence";

const LAST_SEEN_FLUSH_MS = 10_000;

/** One array parameter, however many agents a gateway holds (a list would need one parameter each). */
const isAnyOf = (agentIds: string[]) => sql`${agents.id} = any(${sql.param(agentIds)}::text[])`;

/** The sockets this gateway holds, by agent id; `ready` once the agent's hello was recorded. */
export type HeldSockets = ReadonlyMap<string, { readonly ready: boolean }>;

export type PresenceOptions = {
  held: HeldSockets;
  presenceTimeoutMs?: number;
  /** This gateway's file relay, announced in its row; null without one. */
  relayUrl?: string | null;
  /** Agents `reconcile` brought back online: deliver what was queued for them. */
  onRestored?: (agentIds: string[]) => void;
};

export class Presence {
  private readonly seen = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly timeoutMs: number;
  /** When the last heartbeat was stored (this process's clock). */
  private lastBeatAt = 0;
  private beating: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    readonly gatewayId: string,
    private readonly options: PresenceOptions,
  ) {
    this.timeoutMs = options.presenceTimeoutMs ?? DEFAULT_PRESENCE_TIMEOUT_MS;
  }

  /** `replaces`: a gateway known to have died, retired now rather than when its heartbeat goes stale. */
  async start(options: { replaces?: string } = {}): Promise<void> {
    await this.db.insert(gateways).values({ id: this.gatewayId, relayUrl: this.options.relayUrl ?? null });
    this.lastBeatAt = Date.now();
    this.timers.push(setInterval(() => void this.tick(), heartbeatIntervalMs(this.timeoutMs)));
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

  /**
   * Our row back in `gateways` with a fresh heartbeat, and `agents` made to match the sockets we
   * hold: held agents that a sweep marked offline are online through us again, agents recorded as
   * ours whose socket is gone (closed while PostgreSQL was away) are offline. One statement, so
   * the web never sees our agents without our row. Returns the agents brought back online.
   */
  async reconcile(): Promise<string[]> {
    const now = new Date();
    const held = [...this.options.held.keys()];
    const ready = [...this.options.held].filter(([, socket]) => socket.ready).map(([agentId]) => agentId);
    const beat = this.db.$with("beat").as(
      this.db
        .insert(gateways)
        .values({ id: this.gatewayId, heartbeatAt: now, relayUrl: this.options.relayUrl ?? null })
        .onConflictDoUpdate({ target: gateways.id, set: { heartbeatAt: now } })
        .returning({ id: gateways.id }),
    );
    const restored = this.db.$with("restored").as(
      this.db
        .update(agents)
        .set({ status: "online", gatewayId: this.gatewayId, lastSeen: now })
        .where(and(isAnyOf(ready), isNull(agents.gatewayId), isNull(agents.revokedAt)))
        .returning({ id: agents.id }),
    );
    const released = this.db.$with("released").as(
      this.db
        .update(agents)
        .set({ status: "offline", gatewayId: null, lastSeen: now })
        // Not one that connected after `now` was taken: it is ours, though missing from `held`.
        .where(and(eq(agents.gatewayId, this.gatewayId), not(isAnyOf(held)), lt(agents.connectedAt, now)))
        .returning({ id: agents.id }),
    );
    const changed = this.db
      .select({ id: restored.id, online: sql<boolean>`true`.as("online") })
      .from(restored)
      .unionAll(this.db.select({ id: released.id, online: sql<boolean>`false`.as("online") }).from(released));
    const rows = await this.db
      .with(beat, restored, released)
      .select({ id: sql<string>`changed.id`, online: sql<boolean>`changed.online`, notified: sql`pg_notify(${CHANNELS.agentChanged}, changed.id)` })
      .from(changed.as("changed"));
    this.lastBeatAt = now.getTime();
    const back = rows.filter((row) => row.online).map((row) => row.id);
    // A socket that closed while the statement ran was marked offline before it: mark it again.
    for (const agentId of back) if (!this.options.held.get(agentId)?.ready) await this.markOffline(agentId);
    if (back.length > 0) {
      console.warn(`[gateway] ${this.gatewayId} had been declared dead; restored ${back.length} agent(s)`);
      this.options.onRestored?.(back);
    }
    return back;
  }

  /** One beat at a time: the timer and a bus reconnect may ask together. */
  beat(): Promise<void> {
    this.beating ??= this.heartbeat().finally(() => (this.beating = undefined));
    return this.beating;
  }

  private async heartbeat() {
    const now = new Date();
    // Longer than the timeout without a stored beat: any sweep may have declared us dead.
    const stalled = now.getTime() - this.lastBeatAt > this.timeoutMs;
    const updated = stalled ? [] : await this.db.update(gateways).set({ heartbeatAt: now }).where(eq(gateways.id, this.gatewayId)).returning({ id: gateways.id });
    if (updated.length === 0) await this.reconcile();
    else this.lastBeatAt = now.getTime();
  }

  /** Beat, then sweep: only a gateway that has just vouched for itself judges the others. */
  private async tick() {
    try {
      await this.beat();
    } catch (error) {
      console.error("[gateway] heartbeat failed:", isDatabaseUnavailable(error) ? "database unavailable" : error);
      return;
    }
    await this.sweepDeadGateways();
  }

  async sweepDeadGateways(exited: string[] = []): Promise<void> {
    await markAgentsOfDeadGatewaysOffline(this.db, { presenceTimeoutMs: this.timeoutMs, exited }).catch((error: unknown) => console.error("[gateway] presence sweep failed:", error));
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
