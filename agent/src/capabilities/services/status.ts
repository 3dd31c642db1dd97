/**
 * One status vocabulary for both platforms, so the dashboard can filter and colour by it:
 * running, stopped, failed, starting, stopping, paused, or the OS's own word (lower-cased) when
 * it is none of these (a systemd oneshot that ran is "exited"; an init script that cannot tell is "unknown").
 */

/** systemd's ACTIVE and SUB columns. */
export function systemdStatus(active: string, sub: string): string {
  if (active === "active") return sub === "running" ? "running" : sub;
  if (active === "inactive") return "stopped";
  if (active === "activating" || active === "reloading") return "starting";
  if (active === "deactivating") return "stopping";
  return active;
}

/** Win32_Service.State ("Start Pending") or ServiceController.Status ("StartPending"). */
export function windowsStatus(state: string): string {
  const word = state.replaceAll(" ", "").toLowerCase();
  const known: Record<string, string> = { startpending: "starting", continuepending: "starting", stoppending: "stopping", pausepending: "stopping" };
  return known[word] ?? word;
}

/**
 * An init script's `status` exit code (LSB): 0 running, 1-3 not running (1 and 2: dead with a
 * stale pid or lock file, 3: stopped), 4 and anything else unknown. A script that printed its usage
 * does not know `status` at all (`service --status-all` shows it as "?"; only a line that starts
 * with "Usage:" counts, not "Memory usage: 12M" in a status report), and one that had to be
 * killed at the timeout answered nothing.
 */
export function initScriptStatus(result: { code: number | null; output: string }): string {
  if (/^\s*usage:/im.test(result.output)) return "unknown";
  if (result.code === 0) return "running";
  if (result.code === 1 || result.code === 2 || result.code === 3) return "stopped";
  return "unknown";
}
