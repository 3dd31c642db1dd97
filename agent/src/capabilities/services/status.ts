/**
 * One status vocabulary for both platforms, so the dashboard can filter and colour by it:
 * running, stopped, failed, starting, stopping, paused, or the OS's own word (lower-cased) when
 * it is none of these (a systemd oneshot that ran is "exited").
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
