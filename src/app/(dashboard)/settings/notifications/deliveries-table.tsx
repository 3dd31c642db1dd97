"use client";
/** The latest notification deliveries: where each went, whether it arrived, and why not. */
import { Badge, type BadgeTone } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import type { Column } from "@/lib/table-rows";

export type DeliveryRow = {
  id: number;
  alertId: number;
  channel: "email" | "pushover" | "webhook";
  target: string;
  subject: string;
  status: "pending" | "sending" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
};

const STATUS_TONES: Record<DeliveryRow["status"], BadgeTone> = { sent: "success", failed: "danger", pending: "warning", sending: "info" };

const COLUMNS: Column<DeliveryRow>[] = [
  { id: "createdAt", header: "Queued", accessor: (row) => row.createdAt, render: (row) => <RelativeTime iso={row.createdAt} />, searchable: false, className: "w-28" },
  { id: "channel", header: "Channel", accessor: (row) => row.channel, className: "w-24" },
  { id: "target", header: "To", accessor: (row) => row.target, className: "max-w-56 truncate font-mono text-xs" },
  { id: "subject", header: "Alert", accessor: (row) => row.subject, className: "max-w-80 truncate" },
  {
    id: "status",
    header: "Status",
    accessor: (row) => row.status,
    render: (row) => (
      <span className="inline-flex items-center gap-2">
        <Badge tone={STATUS_TONES[row.status]}>{row.status}</Badge>
        <span className="text-xs text-slate-500">
          {row.status === "pending" && row.attempts > 0 ? (
            <>
              attempt {row.attempts + 1} <RelativeTime iso={row.nextAttemptAt} />
            </>
          ) : row.attempts > 1 ? (
            `${row.attempts} attempts`
          ) : null}
        </span>
      </span>
    ),
  },
  {
    id: "lastError",
    header: "Last error",
    accessor: (row) => row.lastError,
    render: (row) =>
      row.lastError ? (
        <span title={row.lastError} className="block max-w-72 truncate text-xs text-red-700">
          {row.lastError}
        </span>
      ) : null,
  },
];

export function DeliveriesTable({ rows }: { rows: DeliveryRow[] }) {
  return (
    <section aria-labelledby="deliveries-title" className="space-y-2">
      <h2 id="deliveries-title" className="text-[13px] font-semibold text-slate-900">
        Latest deliveries
      </h2>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-[13px] text-slate-500">Nothing sent yet. Deliveries appear here when an alert of a profile with an alert profile is raised.</p>
      ) : (
        <DataTable rows={rows} columns={COLUMNS} rowKey={(row) => String(row.id)} noun="deliveries" facets={["channel", "status"]} initialSort={{ columnId: "createdAt", direction: "desc" }} />
      )}
    </section>
  );
}
