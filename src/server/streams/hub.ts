/**
 * The web process's fan-out of stream chunks: one LISTEN for every viewer of every topic. A
 * notification carries a small chunk whole, or names a stored one; named ids that arrive together
 * are read in one query, and a burst is handed to each viewer of its topic as one batch, so a
 * thousand viewers of a busy shell cost at most one query per burst, not one per viewer. After the LISTEN connection was lost, whatever was stored meanwhile
 * is read back for every topic that has viewers, so a reconnect loses nothing. A batch announced as
 * an id range of one kind (publishStreamBatch) is read back only for the topics of that kind that
 * have viewers here, and not at all when there are none.
 */
import { and, asc, between, desc, eq, gt, inArray } from "drizzle-orm";
import { CHANNELS } from "../bus/channels";
import type { BusListener } from "../bus/listener";
import type { Db } from "../db/client";
import { streamEvents } from "../db/schema";

export type StreamEvent = { id: number; topic: string; event: string; data: unknown; createdAt: Date };
export type StreamSubscriber = (events: StreamEvent[]) => void;

/** More than this many missed chunks on replay and the viewer gets the latest ones only. */
export const MAX_REPLAY_EVENTS = 5_000;

/**
 * How long the first notification of a burst waits for the rest before anything is delivered.
 * Each delivery costs one write per viewer, whatever its size, so at 500 events a second a
 * per-notification flush meant ~40 writes a second to each of 1,000 viewers and a saturated CPU
 * (p99 lag 536 ms in bench:sse); gathering for 25 ms halves the writes and the server's CPU and
 * brings p99 to ~120 ms. A lone keystroke's echo waits these 25 ms, below what a typist notices.
 */
export const COALESCE_MS = 25;

const columns = { id: streamEvents.id, topic: streamEvents.topic, event: streamEvents.event, data: streamEvents.data, createdAt: streamEvents.createdAt };

type TopicState = { subscribers: Set<StreamSubscriber>; lastId: number };

export class StreamHub {
  private readonly topics = new Map<string, TopicState>();
  private pending: number[] = [];
  private pendingEvents: StreamEvent[] = [];
  private pendingRanges: { first: number; last: number; topics: string[] }[] = [];
  private flushing: Promise<void> | undefined;
  private listening: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly listener: Pick<BusListener, "subscribe" | "onReconnect">,
  ) {}

  /** Resolves once notifications are heard: chunks stored after that reach the subscriber. */
  async subscribe(topic: string, subscriber: StreamSubscriber): Promise<() => void> {
    let state = this.topics.get(topic);
    if (!state) {
      this.topics.set(topic, (state = { subscribers: new Set(), lastId: 0 }));
      // Where a catch-up after a lost LISTEN starts from; live chunks are newer anyway.
      const topicState = state;
      topicState.lastId = Math.max(topicState.lastId, await this.latestId(topic));
    }
    state.subscribers.add(subscriber);
    await (this.listening ??= this.listen());
    return () => {
      state.subscribers.delete(subscriber);
      if (state.subscribers.size === 0 && this.topics.get(topic) === state) this.topics.delete(topic);
    };
  }

  /** Chunks of a topic stored after `afterId` (a viewer's Last-Event-ID), oldest first. */
  async replay(topic: string, afterId: number): Promise<StreamEvent[]> {
    const rows = await this.db
      .select(columns)
      .from(streamEvents)
      .where(and(eq(streamEvents.topic, topic), gt(streamEvents.id, afterId)))
      .orderBy(asc(streamEvents.id))
      .limit(MAX_REPLAY_EVENTS);
    return rows;
  }

  /** The latest `limit` chunks of a topic, oldest first (what a new viewer is shown first). */
  async recent(topic: string, limit: number): Promise<StreamEvent[]> {
    const rows = await this.db.select(columns).from(streamEvents).where(eq(streamEvents.topic, topic)).orderBy(desc(streamEvents.id)).limit(limit);
    return rows.reverse();
  }

  get viewerCount(): number {
    let count = 0;
    for (const state of this.topics.values()) count += state.subscribers.size;
    return count;
  }

  private async listen(): Promise<void> {
    await this.listener.subscribe(CHANNELS.streamEvent, (payload) => this.onNotification(payload));
    this.listener.onReconnect(() => this.catchUp());
  }

  private async latestId(topic: string): Promise<number> {
    const [last] = await this.db.select({ id: streamEvents.id }).from(streamEvents).where(eq(streamEvents.topic, topic)).orderBy(desc(streamEvents.id)).limit(1);
    return last?.id ?? 0;
  }

  private onNotification(payload: string): void {
    if (payload.startsWith("[")) return this.onInlineChunk(payload);
    if (payload.startsWith("range ")) return this.onRange(payload);
    const space = payload.indexOf(" ");
    const topic = payload.slice(space + 1);
    if (space <= 0 || !this.topics.has(topic)) return;
    this.pending.push(Number(payload.slice(0, space)));
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
  }

  /** A chunk small enough to travel in its notification (see publish.ts): `[id, topic, event, data, createdAt]`. */
  private onInlineChunk(payload: string): void {
    let chunk: [number, string, string, unknown, string];
    try {
      chunk = JSON.parse(payload) as typeof chunk;
    } catch {
      return console.error("[streams] ignored a malformed stream notification");
    }
    const [id, topic, event, data, createdAt] = chunk;
    if (!this.topics.has(topic)) return;
    this.pendingEvents.push({ id: Number(id), topic, event, data, createdAt: new Date(createdAt) });
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
  }

  /** A batch of one kind (see publishStreamBatch): `range <first> <last> <kind>`. */
  private onRange(payload: string): void {
    const [, first, last, kind] = payload.split(" ");
    const topics = [...this.topics.keys()].filter((topic) => topic.startsWith(`${kind}:`));
    if (topics.length === 0) return;
    this.pendingRanges.push({ first: Number(first), last: Number(last), topics });
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
  }

  /** Delivers what was announced, in batches (reading the chunks that were only named), until nothing is pending. */
  private async flush(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, COALESCE_MS));
    while (this.pending.length > 0 || this.pendingEvents.length > 0 || this.pendingRanges.length > 0) {
      const ids = this.pending;
      const carried = this.pendingEvents;
      const ranges = this.pendingRanges;
      this.pending = [];
      this.pendingEvents = [];
      this.pendingRanges = [];
      try {
        const read = ids.length > 0 ? await this.db.select(columns).from(streamEvents).where(inArray(streamEvents.id, ids)).orderBy(asc(streamEvents.id)) : [];
        for (const { first, last, topics } of ranges) {
          read.push(...(await this.db.select(columns).from(streamEvents).where(and(between(streamEvents.id, first, last), inArray(streamEvents.topic, topics)))));
        }
        this.deliver(read.length === 0 ? carried : [...read, ...carried].sort((a, b) => a.id - b.id));
      } catch (error) {
        console.error("[streams] could not read announced chunks:", error);
      }
    }
  }

  private async catchUp(): Promise<void> {
    for (const [topic, state] of this.topics) this.deliver(await this.replay(topic, state.lastId));
  }

  private deliver(events: StreamEvent[]): void {
    const byTopic = new Map<string, StreamEvent[]>();
    for (const event of events) {
      const state = this.topics.get(event.topic);
      if (!state || event.id <= state.lastId) continue;
      state.lastId = event.id;
      let list = byTopic.get(event.topic);
      if (!list) byTopic.set(event.topic, (list = []));
      list.push(event);
    }
    for (const [topic, list] of byTopic) {
      for (const subscriber of this.topics.get(topic)?.subscribers ?? []) {
        try {
          subscriber(list);
        } catch (error) {
          console.error(`[streams] a viewer of ${topic} failed:`, error);
        }
      }
    }
  }
}
