/**
 * Forceful termination by pid, shared by both platforms: Node's
 * process.kill sends SIGKILL on Linux and calls TerminateProcess on
 * Windows, so no shell or PowerShell is involved.
 */
import { CommandError } from "../../command-error";

export async function killProcess(pid: number): Promise<void> {
  // Killing itself would also drop the reply the dashboard is waiting for.
  if (pid === process.pid) throw new CommandError("denied", "the agent will not kill its own process");
  try {
    process.kill(pid, "SIGKILL");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ESRCH") throw new CommandError("not-found", `no process with id ${pid}`);
    if (code === "EPERM" || code === "EACCES") throw new CommandError("denied", `not permitted to kill process ${pid}`);
    throw error;
  }
}
