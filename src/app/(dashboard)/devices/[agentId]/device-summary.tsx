/** The line under a device's name: live status and the facts one checks first, side by side. */
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { platformLabel } from "@/lib/platform";
import type { AgentRecord } from "@/server/contracts/agents";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline gap-1.5">
      <dt className="text-slate-400">{label}</dt>
      <dd className="text-slate-700">{children ?? <span className="text-slate-400">—</span>}</dd>
    </div>
  );
}

export function DeviceSummary({ agent }: { agent: AgentRecord }) {
  const platform = platformLabel(agent.platform);
  return (
    <dl className="mt-1.5 flex flex-wrap items-center gap-x-5 gap-y-1 text-[13px]">
      <div>
        <dt className="sr-only">Status</dt>
        <dd>
          <StatusBadge online={agent.online} testId="device-status" />
        </dd>
      </div>
      <Item label="OS">{agent.os ? `${agent.os}${platform ? ` (${platform})` : ""}` : platform}</Item>
      <Item label="Client">
        {agent.client.name} / {agent.site.name}
      </Item>
      <Item label="Group">{agent.group}</Item>
      <Item label="User">{agent.loggedInUser}</Item>
      <Item label="Last seen">{agent.online ? "now" : <RelativeTime iso={agent.lastSeen} never="never" />}</Item>
      <Item label="Agent">{agent.agentVersion}</Item>
      <Item label="Address">{agent.remoteAddress}</Item>
    </dl>
  );
}
