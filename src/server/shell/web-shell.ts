/**
 * The web process's one shell session manager (kept on globalThis, like the bus, so module
 * reloading does not lose the sessions). Sessions live in this process: with several web processes
 * behind a balancer, a shell's viewers must reach the same one (sticky sessions).
 */
import { getDb } from "../db/client";
import { getCommandWaiters, getStreamHub } from "../bus/web-bus";
import { shellPort, type ShellManager } from "../services/shell";
import { ShellSessionManager } from "./session-manager";

const holder = globalThis as unknown as { rmmShellSessions?: ShellManager };

export function getShellSessions(): ShellManager {
  return (holder.rmmShellSessions ??= new ShellSessionManager(shellPort({ db: getDb(), hub: getStreamHub(), waiters: getCommandWaiters })));
}
