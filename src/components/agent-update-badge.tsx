/** An agent's self-update state as a badge; nothing when the agent runs the newest release. */
import { agentUpdateLabel } from "@/lib/agent-update";
import type { AgentUpdateView } from "@/server/contracts/agents";
import { Badge } from "./badge";

export function AgentUpdateBadge({ update }: { update: AgentUpdateView }) {
  const label = agentUpdateLabel(update);
  if (!label) return null;
  return (
    <span title={update.message ?? undefined} data-testid="agent-update">
      <Badge tone={label.tone}>{label.label}</Badge>
    </span>
  );
}
