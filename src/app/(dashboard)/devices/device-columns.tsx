"use client";
/**
 * The device list's columns. Each says how to render an agent and, when the server can order by
 * it, which `agents.list` sort field it is; the chooser shows or hides them (the name always
 * stays). Figures derived from JSON (disk, load) are not sortable on the server and say so.
 */
import { AgentUpdateBadge } from "@/components/agent-update-badge";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/badge";
import { MiniMeter } from "@/components/mini-meter";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { UnreadCount } from "@/components/unread-count";
import { diskUsePercent, formatUptime, uptimeSeconds } from "@/lib/device-facts";
import { platformLabel } from "@/lib/platform";
import { useClock } from "@/lib/use-clock";
import type { AgentRecord, AgentSortField } from "@/server/contracts/agents";

/** What a cell may use besides its agent: filtering by a tag, and the device's active alerts. */
export type DeviceCellContext = { filterTag: (tag: string) => void; activeAlerts: (agentId: string) => number };

export type DeviceColumn = {
  id: string;
  header: string;
  render: (agent: AgentRecord, on: DeviceCellContext) => ReactNode;
  sort?: AgentSortField;
  /** Shown until the user chooses otherwise. */
  byDefault: boolean;
  className?: string;
  numeric?: boolean;
};

const dash = <span className="text-slate-300">—</span>;
const text = (value: string | null | undefined) => (value ? value : dash);

function liveMetric(agent: AgentRecord, key: "cpuPercent" | "memoryPercent"): number | null {
  return agent.online && agent.metrics ? agent.metrics[key] : null;
}

function Uptime({ agent }: { agent: AgentRecord }) {
  const clock = useClock();
  const seconds = uptimeSeconds(agent, clock || Date.now());
  return seconds === null ? dash : <span suppressHydrationWarning>{formatUptime(seconds)}</span>;
}

function Addresses({ addresses }: { addresses: string[] }) {
  if (addresses.length === 0) return dash;
  return (
    <span title={addresses.join("\n")} className="font-mono text-xs">
      {addresses[0]}
      {addresses.length > 1 ? <span className="ml-1 text-slate-400">+{addresses.length - 1}</span> : null}
    </span>
  );
}

function AlertBadge({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <Link href="/alerts" title={`${count} active ${count === 1 ? "alert" : "alerts"}`} data-testid="device-alert-badge" className="rounded-full bg-red-600 px-1.5 text-[10px] leading-4 font-semibold text-white tabular-nums">
      {count}
    </Link>
  );
}

export const NAME_COLUMN: DeviceColumn = {
  id: "name",
  header: "Name",
  sort: "name",
  byDefault: true,
  render: (agent, on) => (
    <span className="flex flex-col leading-tight">
      <span className="flex items-center gap-1.5">
        <Link href={`/devices/${encodeURIComponent(agent.agentId)}`} className="font-medium text-slate-900 hover:text-sky-700 hover:underline">
          {agent.displayName ?? agent.name}
        </Link>
        {agent.chatUnread > 0 ? (
          <Link href={`/devices/${encodeURIComponent(agent.agentId)}/chat`} className="rounded-full focus-visible:ring-2 focus-visible:ring-sky-500/40 focus-visible:outline-none" aria-label={`${agent.chatUnread} unread chat ${agent.chatUnread === 1 ? "message" : "messages"}: open the chat`}>
            <UnreadCount count={agent.chatUnread} />
          </Link>
        ) : null}
        <AlertBadge count={on.activeAlerts(agent.agentId)} />
      </span>
      {agent.displayName ? <span className="font-mono text-[11px] text-slate-500">{agent.name}</span> : null}
    </span>
  ),
};

/** Every column but the name, in table order. */
export const OPTIONAL_COLUMNS: DeviceColumn[] = [
  { id: "status", header: "Status", sort: "status", byDefault: true, render: (agent) => <StatusBadge online={agent.online} /> },
  { id: "client", header: "Client", sort: "client", byDefault: true, render: (agent) => agent.client.name },
  { id: "site", header: "Site", sort: "site", byDefault: true, render: (agent) => agent.site.name },
  { id: "group", header: "Group", sort: "group", byDefault: false, render: (agent) => agent.group },
  {
    id: "tags",
    header: "Tags",
    byDefault: true,
    render: (agent, on) => (
      <span className="flex flex-wrap gap-1">
        {agent.tags.map((tag) => (
          <button key={tag} type="button" onClick={() => on.filterTag(tag)} title={`Show devices tagged ${tag}`} className="rounded focus-visible:ring-2 focus-visible:ring-sky-500/40 focus-visible:outline-none">
            <Badge tone="neutral">{tag}</Badge>
          </button>
        ))}
      </span>
    ),
  },
  { id: "localIp", header: "Local IP", byDefault: true, render: (agent) => <Addresses addresses={agent.localAddresses} /> },
  { id: "publicIp", header: "Public IP", byDefault: false, render: (agent) => <Addresses addresses={agent.remoteAddress ? [agent.remoteAddress] : []} /> },
  { id: "uptime", header: "Uptime", byDefault: true, render: (agent) => <Uptime agent={agent} />, className: "whitespace-nowrap" },
  { id: "lastBoot", header: "Last boot", sort: "bootTime", byDefault: false, render: (agent) => <RelativeTime iso={agent.bootTime} never="—" /> },
  { id: "disk", header: "Disk", byDefault: true, render: (agent) => <MiniMeter label="Fullest disk" percent={diskUsePercent(agent.specs)} /> },
  // Load figures of offline devices are stale: shown as a dash.
  { id: "cpu", header: "CPU", byDefault: true, render: (agent) => <MiniMeter label="CPU" percent={liveMetric(agent, "cpuPercent")} /> },
  { id: "memory", header: "Memory", byDefault: false, render: (agent) => <MiniMeter label="Memory" percent={liveMetric(agent, "memoryPercent")} /> },
  {
    id: "reboot",
    header: "Reboot",
    byDefault: true,
    render: (agent) => (agent.rebootPending === null ? dash : agent.rebootPending ? <Badge tone="warning">Pending</Badge> : <span className="text-slate-500">No</span>),
  },
  { id: "alerts", header: "Alerts", byDefault: true, numeric: true, render: (agent) => (agent.alerts === null ? dash : agent.alerts) },
  { id: "os", header: "OS", sort: "os", byDefault: false, className: "max-w-64 truncate", render: (agent) => text(agent.os) },
  { id: "platform", header: "Platform", sort: "platform", byDefault: false, render: (agent) => text(platformLabel(agent.platform)) },
  { id: "user", header: "Logged-in user", byDefault: false, className: "font-mono text-xs", render: (agent) => text(agent.loggedInUser) },
  { id: "lastSeen", header: "Last seen", sort: "lastSeen", byDefault: true, render: (agent) => <RelativeTime iso={agent.lastSeen} /> },
  {
    id: "version",
    header: "Agent",
    sort: "agentVersion",
    byDefault: true,
    render: (agent) => (
      <span className="inline-flex items-center gap-2">
        <span className="font-mono text-xs text-slate-600">{text(agent.agentVersion)}</span>
        <AgentUpdateBadge update={agent.agentUpdate} />
      </span>
    ),
  },
];

export const DEFAULT_COLUMN_IDS = OPTIONAL_COLUMNS.filter((column) => column.byDefault).map((column) => column.id);
