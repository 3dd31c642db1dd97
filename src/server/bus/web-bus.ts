/**
 * The web process's bus: one LISTEN connection, opened on first use and shared by every request
 * (command waiters and the stream hub both hear through it), and the log streams it asked agents for
 * (kept on globalThis so that module reloading does not open more).
 */
import { requireSetting } from "../config";
import { getDb } from "../db/client";
import { CommandWaiters } from "./command-waiters";
import { requestAgent } from "../services/agent-commands";
import { StreamHub } from "../streams/hub";
import { LogFollows } from "../streams/log-follows";
import { BusListener } from "./listener";

const holder = globalThis as unknown as { rmmBus?: { listener: BusListener; waiters: CommandWaiters; streams: StreamHub }; rmmLogFollows?: LogFollows };

function bus() {
  if (!holder.rmmBus) {
    const listener = new BusListener(requireSetting("DATABASE_URL"));
    holder.rmmBus = { listener, waiters: new CommandWaiters(getDb(), listener), streams: new StreamHub(getDb(), listener) };
  }
  return holder.rmmBus;
}

export const getBusListener = () => bus().listener;
export const getCommandWaiters = () => bus().waiters;
export const getStreamHub = () => bus().streams;

/** Starting, renewing and stopping log streams on agents is the server's own doing, not a viewer's (the viewer's request is audited). */
export const getLogFollows = () =>
  (holder.rmmLogFollows ??= new LogFollows((agentId, type, payload) => requestAgent({ db: getDb(), waiters: getCommandWaiters(), actor: null }, { agentId, type, payload })));
