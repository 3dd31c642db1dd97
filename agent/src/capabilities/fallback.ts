/**
 * A capability with a preferred source and a plainer one for machines without it (systemd, else
 * SysV init scripts; the journal, else the kernel ring buffer). The choice is made per call, since
 * a machine can gain or lose its service manager or journal while the agent runs.
 */
import { CommandError } from "../command-error";

/**
 * Runs `preferred` unless `unavailable` names a reason, else `fallback`. When the fallback is
 * unsupported too, the answer gives both reasons, so nobody has to guess which one was missing.
 */
export async function preferredOrFallback<T>(unavailable: () => Promise<string | undefined>, preferred: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
  const reason = await unavailable();
  if (!reason) return preferred();
  try {
    return await fallback();
  } catch (error) {
    if (error instanceof CommandError && error.code === "unsupported") throw new CommandError("unsupported", `${reason}; ${error.message}`);
    throw error;
  }
}
