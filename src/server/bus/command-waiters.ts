/**
 * Web-side waiting for command results: a request registers its command id, the
 * `commandFinished` notification (or the catch-up after a LISTEN reconnect) wakes it.
 */
import { inArray } from "drizzle-orm";
import { databaseUnavailable } from "../db/availability";
import type { Db } from "../db/client";
import { commands } from "../db/schema";
import { CHANNELS } from "./channels";
import type { BusListener } from "./listener";

const FINAL = new Set(["done", "failed", "timeout"]);
/** The LISTEN connection comes back within about a second of PostgreSQL; longer means it is still away. */
const LISTEN_WAIT_MS = 5_000;

export class CommandWaiters {
  private readonly pending = new Map<string, () => void>();

  constructor(
    private readonly db: Db,
    private readonly listener: BusListener,
  ) {
    void listener.subscribe(CHANNELS.commandFinished, (id) => this.wake(id));
    listener.onReconnect(() => this.catchUp());
  }

  /** Resolves true when the command finished, false on timeout. Register before queueing. */
  wait(commandId: string, timeoutMs: number): Promise<boolean> {
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

  /**
   * Ensures the LISTEN is in place, so a command queued next cannot finish unheard; while it is
   * being re-established after an outage this waits for it, and answers 503 if it does not come.
   */
  async whenListening(): Promise<void> {
    await this.listener.whenListening(LISTEN_WAIT_MS).catch(() => {
      throw databaseUnavailable();
    });
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
