/**
 * The web process's bus: one LISTEN connection, opened on first use and shared by every request
 * (kept on globalThis so that module reloading does not open more).
 */
import { requireSetting } from "../config";
import { getDb } from "../db/client";
import { CommandWaiters } from "./command-waiters";
import { BusListener } from "./listener";

const holder = globalThis as unknown as { rmmBus?: { listener: BusListener; waiters: CommandWaiters } };

function bus() {
  if (!holder.rmmBus) {
    const listener = new BusListener(requireSetting("DATABASE_URL"));
    holder.rmmBus = { listener, waiters: new CommandWaiters(getDb(), listener) };
  }
  return holder.rmmBus;
}

export const getBusListener = () => bus().listener;
export const getCommandWaiters = () => bus().waiters;
