/** How an agent's self-update state reads on the dashboard: a tone and a short label, or nothing when it is current. */
import type { BadgeTone } from "@/components/badge";
import type { AgentUpdateView } from "@/server/contracts/agents";

export type UpdateLabel = { tone: BadgeTone; label: string };

export function agentUpdateLabel(update: AgentUpdateView): UpdateLabel | null {
  const version = update.version ?? "";
  switch (update.state) {
    case "current":
      return null;
    case "scheduled":
      return { tone: "neutral", label: `${version} scheduled` };
    case "pending":
      return { tone: "info", label: `${version} due` };
    case "offered":
    case "downloading":
    case "installing":
      return { tone: "info", label: `Updating to ${version}` };
    case "failed":
      return { tone: "danger", label: `Update to ${version} failed` };
    case "rolled-back":
      return { tone: "warning", label: `Rolled back from ${version}` };
    case "declined":
      return { tone: "warning", label: "Cannot update itself" };
  }
}
