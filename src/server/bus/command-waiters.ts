/**
 * Web-side waiting for command results: a request registers its command id, the
 * `commandFinished` notification (or the catch-up after a LISTEN reconnect) wakes it.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { commands } from "../db/schema";
import { CHANNELS } from "./channels";
import type { BusListener } from "./listener";

const FINAL = new Set(["done", "failed", "timeout"]);

export class CommandWaiters {
  private readonly pending = new Map<string, () => void>();
  private ready: Promise<unknown>;

  constructor(
    private readonly db: Db,
    listener: BusListener,
  ) {
    this.ready = listener.subscribe(CHANNELS.commandFinished, (id) => this.wake(id));
    listener.onReconnect(() => this.catchUp());
  }

  /** Resolves true when the command finished, false on timeout. Register before queueing. */
  async wait(commandId: string, timeoutMs: number): Promise<boolean> {
    await this.ready;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(commandId);
        resolve(false);
      }, timeoutMs);
      this.pending.set(commandId, () => {
        clearTimeout(timer);
        this.pending.delete(commandId);
        resolve(true);
      });
    });
  }

  /** Ensures the LISTEN is in place (so a command queued next cannot finish unheard). */
  whenListening(): Promise<unknown> {
    return this.ready;
  }

  private wake(commandId: string) {
    this.pending.get(commandId)?.();
  }

  /** Notifications missed while disconnected: ask the table about every command still awaited. */
  private async catchUp() {
    const ids = [...this.pending.keys()];
    if (ids.length === 0) return;
    const rows = await this.db.select({ id: commands.id, status: commands.status }).from(commands).where(inArray(commands.id, ids));
    for (const row of rows) if (FINAL.has(row.status)) this.wake(row.id);
  }
}
