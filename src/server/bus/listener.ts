/**
 * One LISTEN connection per process, fanned out in-process, and kept up by us.
 *
 * postgres.js's `listen` helper reconnects by itself, but its retry delays grow to 10-20 s, a
 * first LISTEN that fails leaves its promise rejected for good, and it cannot say whether it is
 * listening right now. Here the connection is a one-connection pool with the bounded backoff of
 * db/availability.ts and the two connection hooks that helper is built on (`onnotify`, which the
 * driver's types leave out, and `onclose`); when it closes, LISTEN is re-issued until it succeeds,
 * so the bus is back within about a second of PostgreSQL, and `whenListening` tells callers whether
 * a notification sent now would be heard. Notifications sent while it was down are lost, so every
 * re-LISTEN after a loss runs the subscribers' catch-up functions, which re-read the tables.
 */
import postgres from "postgres";
import { reconnectBackoffSeconds } from "../db/availability";
import type { Channel } from "./channels";

type Handler = (payload: string) => void;
type CatchUp = () => Promise<void> | void;

/** A failed LISTEN attempt is retried no sooner than this, whatever the driver's delay was. */
const MIN_RETRY_MS = 50;

export class BusListener {
  private readonly sql: postgres.Sql;
  private readonly handlers = new Map<Channel, Set<Handler>>();
  private readonly catchUps = new Set<CatchUp>();
  /** Channels LISTENed on the current connection; emptied when it closes. */
  private readonly listened = new Set<Channel>();
  /** Bumped on every loss, so a LISTEN answered by a connection that has since closed does not count. */
  private generation = 0;
  private syncing: Promise<void> | undefined;
  private lostAt: number | undefined;
  private closing = false;

  constructor(url: string) {
    const onnotify = (channel: string, payload: string) => this.dispatch(channel as Channel, payload);
    this.sql = postgres(url, {
      max: 1,
      max_lifetime: null,
      fetch_types: false,
      backoff: reconnectBackoffSeconds,
      onnotice: () => {},
      onclose: () => this.lost(),
      ...{ onnotify },
    });
  }

  /** Resolves once the channel is LISTENed, so a caller can rely on hearing what follows. */
  async subscribe(channel: Channel, handler: Handler): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    await this.sync();
    return () => set.delete(handler);
  }

  /**
   * Resolves when every subscribed channel is LISTENed on a live connection: at once normally,
   * after the reconnect while PostgreSQL is away. Rejects after `timeoutMs` if given.
   */
  whenListening(timeoutMs?: number): Promise<void> {
    const ready = this.sync();
    if (timeoutMs === undefined) return ready;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not listening after ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([ready, expired]).finally(() => clearTimeout(timer));
  }

  /** Registers work to redo after every reconnection of the LISTEN connection. */
  onReconnect(catchUp: CatchUp): () => void {
    this.catchUps.add(catchUp);
    return () => this.catchUps.delete(catchUp);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.sql.end({ timeout: 2 });
  }

  /** One loop at a time LISTENs whatever is missing, until nothing is (or the listener closes). */
  private sync(): Promise<void> {
    if (this.missing().length === 0 && !this.syncing) return Promise.resolve();
    this.syncing ??= this.listenUntilComplete().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private missing(): Channel[] {
    return [...this.handlers.keys()].filter((channel) => !this.listened.has(channel));
  }

  private async listenUntilComplete(): Promise<void> {
    for (let missing = this.missing(); missing.length > 0 && !this.closing; missing = this.missing()) {
      const generation = this.generation;
      const started = Date.now();
      try {
        // Simple protocol (no parameters), so several statements go in one round trip.
        await this.sql.unsafe(missing.map((channel) => `listen "${channel.replaceAll('"', '""')}"`).join("; "));
        if (generation === this.generation) for (const channel of missing) this.listened.add(channel);
      } catch {
        // The driver waits its backoff before the next connection attempt; this only stops a hot loop.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, MIN_RETRY_MS - (Date.now() - started))));
      }
    }
    if (this.lostAt !== undefined && !this.closing && this.missing().length === 0) {
      console.log(`[bus] LISTEN restored after ${Date.now() - this.lostAt} ms`);
      this.lostAt = undefined;
      this.runCatchUps();
    }
  }

  /** The connection closed (or an attempt to open it failed): LISTEN again once it is back. */
  private lost() {
    if (this.closing) return;
    this.generation++;
    if (this.listened.size === 0) return; // an attempt of the running loop failed; it retries
    this.listened.clear();
    this.lostAt ??= Date.now();
    console.warn("[bus] LISTEN connection lost; reconnecting");
    void this.sync();
  }

  private dispatch(channel: Channel, payload: string) {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        console.error(`[bus] handler for ${channel} failed:`, error);
      }
    }
  }

  private runCatchUps() {
    for (const catchUp of this.catchUps) {
      Promise.resolve()
        .then(catchUp)
        .catch((error: unknown) => console.error("[bus] catch-up failed:", error));
    }
  }
}
