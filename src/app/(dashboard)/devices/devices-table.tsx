"use client";
/** The devices table's columns: what a technician scans for first is name, state, whose it is, group and load. */
import Link from "next/link";
import { Badge } from "@/components/badge";
import { AgentUpdateBadge } from "@/components/agent-update-badge";
import { DataTable } from "@/components/data-table";
import { MiniMeter } from "@/components/mini-meter";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { platformLabel } from "@/lib/platform";
import type { Column } from "@/lib/table-rows";
import type { AgentRecord } from "@/server/contracts/agents";

function liveMetric(agent: AgentRecord, key: "cpuPercent" | "memoryPercent"): number | null {
  return agent.online && agent.metrics ? agent.metrics[key] : null;
}

const COLUMNS: Column<AgentRecord>[] = [
  {
    id: "name",
    header: "Name",
    accessor: (agent) => agent.name,
    render: (agent) => (
      <Link href={`/devices/${encodeURIComponent(agent.agentId)}`} className="font-medium text-slate-900 hover:text-sky-700 hover:underline">
        {agent.name}
      </Link>
    ),
  },
  { id: "status", header: "Status", accessor: (agent) => agent.status, render: (agent) => <StatusBadge online={agent.online} /> },
  { id: "client", header: "Client", accessor: (agent) => agent.client.name },
  { id: "site", header: "Site", accessor: (agent) => agent.site.name },
  { id: "group", header: "Group", accessor: (agent) => agent.group },
  {
    id: "tags",
    header: "Tags",
    accessor: (agent) => agent.tags.join(", "),
    render: (agent) => (
      <span className="flex flex-wrap gap-1">
        {agent.tags.map((tag) => (
          <Badge key={tag} tone="neutral">
            {tag}
          </Badge>
        ))}
      </span>
    ),
    sortable: false,
  },
  // Load figures of offline devices are stale: shown as a dash, sorted last.
  { id: "cpu", header: "CPU", accessor: (agent) => liveMetric(agent, "cpuPercent"), render: (agent) => <MiniMeter label="CPU" percent={liveMetric(agent, "cpuPercent")} />, searchable: false },
  { id: "memory", header: "Memory", accessor: (agent) => liveMetric(agent, "memoryPercent"), render: (agent) => <MiniMeter label="Memory" percent={liveMetric(agent, "memoryPercent")} />, searchable: false },
  { id: "os", header: "OS", accessor: (agent) => agent.os, className: "max-w-64 truncate" },
  { id: "platform", header: "Platform", accessor: (agent) => platformLabel(agent.platform) },
  { id: "user", header: "Logged-in user", accessor: (agent) => agent.loggedInUser, className: "font-mono text-xs" },
  {
    id: "lastSeen",
    header: "Last seen",
    accessor: (agent) => agent.lastSeen,
    render: (agent) => <RelativeTime iso={agent.lastSeen} />,
    searchable: false,
  },
  {
    id: "version",
    header: "Agent",
    accessor: (agent) => agent.agentVersion,
    render: (agent) => (
      <span className="inline-flex items-center gap-2">
        <span className="font-mono text-xs text-slate-600">{agent.agentVersion}</span>
        <AgentUpdateBadge update={agent.agentUpdate} />
      </span>
    ),
  },
];

const FACETS = ["client", "site", "group", "status"];

export function DevicesTable({ agents, initialFacets }: { agents: AgentRecord[]; initialFacets: Record<string, string> }) {
  return (
    <DataTable
      rows={agents}
      columns={COLUMNS}
      rowKey={(agent) => agent.agentId}
      noun="devices"
      facets={FACETS}
      initialFacets={initialFacets}
      initialSort={{ columnId: "name", direction: "asc" }}
      rowHref={(agent) => `/devices/${encodeURIComponent(agent.agentId)}`}
    />
  );
}
