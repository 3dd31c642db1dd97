"use client";
/** The devices table's columns: what a technician scans for first is name, state, group and load. */
import Link from "next/link";
import { AgentUpdateBadge } from "@/components/agent-update-badge";
import { DataTable } from "@/components/data-table";
import { MiniMeter } from "@/components/mini-meter";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { platformLabel } from "@/lib/platform";
import type { Column } from "@/lib/table-rows";
import type { AgentRecord } from "@/server/contracts/agents";

function liveMetric(client: AgentRecord, key: "cpuPercent" | "memoryPercent"): number | null {
  return client.online && client.metrics ? client.metrics[key] : null;
}

const COLUMNS: Column<AgentRecord>[] = [
  {
    id: "name",
    header: "Name",
    accessor: (client) => client.name,
    render: (client) => (
      <Link href={`/devices/${encodeURIComponent(client.agentId)}`} className="font-medium text-slate-900 hover:text-sky-700 hover:underline">
        {client.name}
      </Link>
    ),
  },
  { id: "status", header: "Status", accessor: (client) => client.status, render: (client) => <StatusBadge online={client.online} /> },
  { id: "group", header: "Group", accessor: (client) => client.group },
  // Load figures of offline devices are stale: shown as a dash, sorted last.
  { id: "cpu", header: "CPU", accessor: (client) => liveMetric(client, "cpuPercent"), render: (client) => <MiniMeter label="CPU" percent={liveMetric(client, "cpuPercent")} />, searchable: false },
  { id: "memory", header: "Memory", accessor: (client) => liveMetric(client, "memoryPercent"), render: (client) => <MiniMeter label="Memory" percent={liveMetric(client, "memoryPercent")} />, searchable: false },
  { id: "os", header: "OS", accessor: (client) => client.os, className: "max-w-64 truncate" },
  { id: "platform", header: "Platform", accessor: (client) => platformLabel(client.platform) },
  { id: "user", header: "Logged-in user", accessor: (client) => client.loggedInUser, className: "font-mono text-xs" },
  {
    id: "lastSeen",
    header: "Last seen",
    accessor: (client) => client.lastSeen,
    render: (client) => <RelativeTime iso={client.lastSeen} />,
    searchable: false,
  },
  {
    id: "version",
    header: "Agent",
    accessor: (client) => client.agentVersion,
    render: (client) => (
      <span className="inline-flex items-center gap-2">
        <span className="font-mono text-xs text-slate-600">{client.agentVersion}</span>
        <AgentUpdateBadge update={client.agentUpdate} />
      </span>
    ),
  },
];

const FACETS = ["group", "status"];

export function DevicesTable({ clients, initialFacets }: { clients: AgentRecord[]; initialFacets: Record<string, string> }) {
  return (
    <DataTable
      rows={clients}
      columns={COLUMNS}
      rowKey={(client) => client.agentId}
      noun="devices"
      facets={FACETS}
      initialFacets={initialFacets}
      initialSort={{ columnId: "name", direction: "asc" }}
      rowHref={(client) => `/devices/${encodeURIComponent(client.agentId)}`}
    />
  );
}
