/**
 * Monitoring profiles pushed by the server (`monitoring-status`). Rules are evaluated on the server
 * from the metrics this agent already reports, so the agent only acknowledges and logs what
 * watches it: a technician reading the agent's log sees which thresholds apply to the machine.
 */
import type { HandlerTable } from "../../commands/dispatcher";

export function monitoringHandlers(): HandlerTable {
  return {
    "monitoring-status": async ({ profiles }, { log }) => {
      log.info("monitoring-profiles", { profiles: profiles.map((profile) => profile.name).join(", ") || "none", rules: profiles.reduce((sum, profile) => sum + profile.rules.length, 0) });
      return { profileCount: profiles.length };
    },
  };
}
