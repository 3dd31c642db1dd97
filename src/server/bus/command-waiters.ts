/**
 * Web-side waiting for command results: a request registers its command id, the
 * `commandFinished` notification (or the catch-up after a LISTEN reconnect) wakes it.
 *
 * A wait also ends when its agent goes offline (`agentChanged`, then the row says offline): the
 * socket that carried the command is gone, whether the agent left or the gateway holding it died
 * (a restarted gateway retires its predecessor at once, the presence sweep retires a silent one).
 * Waiting on would only end in a timeout: the agent may have run the command, but its answer had
 * nowhere to go. The request then answers 503 and closes the row, so a later reconnect does not
 * deliver the command again. An agent that comes back before the row is read (online again) keeps
 * the wait: its gateway re-sends the command in flight and the agent answers it from its reply
 * cache, or runs it for the first time.
 */
import { and, eq, inArray } from "drizzle-orm";
import { databaseUnavailable } from "../db/availability";
import type { Db } from "../db/client";
import { agents, commands } from "../db/schema";
import { CHANNELS } from "./channels";
import type { BusListener } from "./listener";

const FINAL = new Set(["done", "failed", "timeout"]);
/** The LISTEN connection comes back within about a second of PostgreSQL; longer means it is still away. */
const LISTEN_WAIT_MS = 5_000;

export type WaitOutcome = "finished" | "timeout" | "agent-offline";

export class CommandWaiters {
  private readonly pending = new Map<string, (outcome: WaitOutcome) => void>();
  /** Command ids awaited per agent. */
  private readonly byAgent = new Map<string, Set<string>>();
  private ready: Promise<unknown>;

  constructor(
    private readonly db: Db,
    private readonly listener: BusListener,
  ) {
    this.ready = Promise.all([
      listener.subscribe(CHANNELS.commandFinished, (id) => this.settle(id, "finished")),
      listener.subscribe(CHANNELS.agentChanged, (agentId) => void this.settleOfflineAgents([agentId])),
    ]);
    listener.onReconnect(() => this.catchUp());
  }

  /** How the wait for a command of this agent ended. Register before queueing. */
  async wait(commandId: string, agentId: string, timeoutMs: number): Promise<WaitOutcome> {
    await this.ready;
    return new Promise<WaitOutcome>((resolve) => {
      const timer = setTimeout(() => settle("timeout"), timeoutMs);
      const settle = (outcome: WaitOutcome) => {
        clearTimeout(timer);
        this.pending.delete(commandId);
        const ofAgent = this.byAgent.get(agentId);
        ofAgent?.delete(commandId);
        if (ofAgent?.size === 0) this.byAgent.delete(agentId);
        resolve(outcome);
      };
      this.pending.set(commandId, settle);
      let ofAgent = this.byAgent.get(agentId);
      if (!ofAgent) this.byAgent.set(agentId, (ofAgent = new Set()));
      ofAgent.add(commandId);
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

  private settle(commandId: string, outcome: WaitOutcome) {
    this.pending.get(commandId)?.(outcome);
  }

  /** Only agents something waits on are read: most `agentChanged` are about other agents. */
  private async settleOfflineAgents(agentIds: string[]) {
    const awaited = agentIds.filter((agentId) => this.byAgent.has(agentId));
    if (awaited.length === 0) return;
    try {
      const offline = await this.db
        .select({ id: agents.id })
        .from(agents)
        .where(and(inArray(agents.id, awaited), eq(agents.status, "offline")));
      for (const { id } of offline) for (const commandId of [...(this.byAgent.get(id) ?? [])]) this.settle(commandId, "agent-offline");
    } catch (error) {
      // The wait then ends by its timeout, as before this check existed.
      console.error("[bus] reading agent presence failed:", error);
    }
  }

  /** Notifications missed while disconnected: ask the tables about every command and agent still awaited. */
  private async catchUp() {
    const ids = [...this.pending.keys()];
    if (ids.length === 0) return;
    const rows = await this.db.select({ id: commands.id, status: commands.status }).from(commands).where(inArray(commands.id, ids));
    for (const row of rows) if (FINAL.has(row.status)) this.settle(row.id, "finished");
    await this.settleOfflineAgents([...this.byAgent.keys()]);
  }
}
