/**
 * What the dashboard says about device actions: each action's wording (button, question, what
 * happens), and the summary of a bulk run, naming the devices that were skipped or failed.
 */
import type { DeviceAction } from "@/protocol/actions";
import type { InvokeActionManyResult } from "@/server/contracts/device-actions";
import { countLabel } from "./table-rows";

export const DEVICE_ACTION_TEXT: Record<DeviceAction, { label: string; verb: string; explain: string; accepted: string }> = {
  restart: {
    label: "Restart",
    verb: "Restart",
    explain: "The device restarts a few seconds after the agent accepts (Windows shows its users a one-minute notice first). Unsaved work on it is lost.",
    accepted: "is restarting",
  },
  shutdown: {
    label: "Shut down",
    verb: "Shut down",
    explain: "The device powers off a few seconds after the agent accepts (Windows shows its users a one-minute notice first). It stays offline until someone switches it on.",
    accepted: "is shutting down",
  },
  "restart-agent": {
    label: "Restart agent",
    verb: "Restart the agent on",
    explain: "Only the agent's process restarts; the device and its users are not affected. It reconnects within a few seconds.",
    accepted: "is restarting its agent",
  },
};

const names = (results: InvokeActionManyResult["results"]) => results.map((result) => result.name).join(", ");

export function summarizeActionMany({ action, results }: InvokeActionManyResult): string {
  const accepted = results.filter((result) => result.outcome === "accepted");
  const skipped = results.filter((result) => result.outcome === "skipped");
  const failed = results.filter((result) => result.outcome === "failed");
  const parts = [`${DEVICE_ACTION_TEXT[action].label}: accepted by ${countLabel(accepted.length, "devices")}.`];
  if (skipped.length > 0) parts.push(`Skipped (offline): ${names(skipped)}.`);
  if (failed.length > 0) parts.push(`Failed: ${failed.map((result) => `${result.name} (${result.message ?? "no reason given"})`).join(", ")}.`);
  return parts.join(" ");
}
