/**
 * Forceful termination by pid, shared by both platforms: Node's process.kill sends SIGKILL on
 * Linux and calls TerminateProcess on Windows, so no shell or PowerShell is involved. A process
 * that has already exited answers `not-found`, never success: on Linux its zombie entry (exited,
 * not yet reaped by its parent) still accepts signals, so it is checked first; on Windows libuv
 * already reports an exited process as ESRCH.
 */
import { CommandError } from "../../command-error";

/** What ending a process needs from the OS, injected so that the rules are tested without real processes. */
export type KillSystem = {
  /** Sends SIGKILL (TerminateProcess on Windows); throws Node's errno errors (ESRCH, EPERM). */
  sendKill(pid: number): void;
  /** True when the pid is gone or names a process that has exited but is still listed. */
  hasExited(pid: number): Promise<boolean>;
  /** The agent's own pid. */
  ownPid: number;
};

export function processKiller(system: KillSystem): (pid: number) => Promise<void> {
  const notFound = (pid: number) => new CommandError("not-found", `no running process with id ${pid}`);
  return async (pid) => {
    // Killing itself would also drop the reply the dashboard is waiting for.
    if (pid === system.ownPid) throw new CommandError("denied", "the agent will not kill its own process");
    if (await system.hasExited(pid)) throw notFound(pid);
    try {
      system.sendKill(pid);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ESRCH") throw notFound(pid);
      if (code === "EPERM" || code === "EACCES") throw new CommandError("denied", `not permitted to kill process ${pid}`);
      throw error;
    }
  };
}

/** Node's own primitive; `hasExited` is the platform's. */
export function nodeKillSystem(hasExited: (pid: number) => Promise<boolean>): KillSystem {
  return { sendKill: (pid) => process.kill(pid, "SIGKILL"), hasExited, ownPid: process.pid };
}
