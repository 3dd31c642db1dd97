"use client";
/** The columns of a device's event log entries: time, level badge, source, event id, and a message that expands in place. */
import { Badge } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { formatTimestamp } from "@/lib/format-time";
import { LEVEL_LABELS, LEVEL_TONES } from "@/lib/event-levels";
import type { Column } from "@/lib/table-rows";
import type { EventEntry } from "@/protocol/health";

function Message({ text }: { text: string }) {
  const [firstLine = "", ...rest] = text.split(/\r?\n/);
  // One line stays one line; anything longer shows its first line and opens to the full text.
  if (rest.length === 0 && firstLine.length <= 160) return <span className="text-slate-700">{firstLine}</span>;
  return (
    <details className="group">
      <summary className="cursor-pointer truncate text-slate-700 group-open:whitespace-normal">{firstLine.length > 160 ? `${firstLine.slice(0, 160)}…` : firstLine}</summary>
      <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs text-slate-700">{text}</pre>
    </details>
  );
}

const COLUMNS: Column<EventEntry>[] = [
  { id: "at", header: "Time", accessor: (entry) => entry.at, render: (entry) => formatTimestamp(entry.at), className: "w-44 whitespace-nowrap text-slate-600" },
  {
    id: "level",
    header: "Level",
    accessor: (entry) => entry.level,
    render: (entry) => (
      <Badge tone={LEVEL_TONES[entry.level]} dot>
        {LEVEL_LABELS[entry.level]}
      </Badge>
    ),
    className: "w-24",
  },
  { id: "source", header: "Source", accessor: (entry) => entry.source, className: "max-w-52 truncate text-slate-900" },
  { id: "eventId", header: "Id", accessor: (entry) => entry.eventId, numeric: true, className: "w-16 text-slate-600" },
  { id: "log", header: "Log", accessor: (entry) => entry.log, className: "w-28 text-slate-600" },
  { id: "message", header: "Message", accessor: (entry) => entry.message, sortable: false, render: (entry) => <Message text={entry.message} />, className: "max-w-[36rem]" },
];

export function EventTable({ entries }: { entries: EventEntry[] }) {
  return (
    <DataTable
      rows={entries}
      columns={COLUMNS}
      rowKey={(entry) => entry.id}
      noun="events"
      facets={["source", "log"]}
      initialSort={{ columnId: "at", direction: "desc" }}
      rowAttributes={(entry) => ({ "data-testid": "event-row", "data-level": entry.level })}
    />
  );
}
