/**
 * One LISTEN connection per process, fanned out in-process. postgres.js reconnects it by itself;
 * notifications sent while it was down are lost, so every (re)LISTEN runs the subscribers'
 * catch-up functions, which re-read the tables.
 */
import postgres from "postgres";
import type { Channel } from "./channels";

type Handler = (payload: string) => void;
type CatchUp = () => Promise<void> | void;

export class BusListener {
  private readonly sql: postgres.Sql;
  private readonly handlers = new Map<Channel, Set<Handler>>();
  private readonly catchUps = new Set<CatchUp>();
  private readonly listening = new Map<Channel, Promise<unknown>>();

  constructor(url: string) {
    this.sql = postgres(url, { max: 1, onnotice: () => {} });
  }

  /** Resolves once the channel is LISTENed, so a caller can rely on hearing what follows. */
  async subscribe(channel: Channel, handler: Handler): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    if (!this.listening.has(channel)) {
      this.listening.set(
        channel,
        this.sql.listen(
          channel,
          (payload) => this.dispatch(channel, payload),
          () => this.runCatchUps(),
        ),
      );
    }
    await this.listening.get(channel);
    return () => set.delete(handler);
  }

  /** Registers work to redo after every (re)connection of the LISTEN connection. */
  onReconnect(catchUp: CatchUp): () => void {
    this.catchUps.add(catchUp);
    return () => this.catchUps.delete(catchUp);
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 2 });
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
