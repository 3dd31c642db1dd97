"use client";
/** Alerts with severity, device and state; operators acknowledge or resolve them in place. */
import Link from "next/link";
import { useMemo, useState } from "react";
import { Alert } from "@/components/alert";
import { Badge, type BadgeTone } from "@/components/badge";
import { Button } from "@/components/button";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import type { Column } from "@/lib/table-rows";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { alertIdInput, snoozeAlertInput } from "@/server/contracts/monitoring";

export type AlertRowView = {
  id: number;
  agentId: string;
  agentName: string;
  severity: "info" | "warning" | "critical";
  message: string;
  status: "open" | "acknowledged" | "resolved";
  createdAt: string;
  acknowledgedBy: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  /** Set while the alert is snoozed. */
  snoozedUntil: string | null;
};

const SEVERITY_TONES: Record<AlertRowView["severity"], BadgeTone> = { critical: "danger", warning: "warning", info: "info" };
const STATUS_TONES: Record<AlertRowView["status"], BadgeTone> = { open: "danger", acknowledged: "warning", resolved: "success" };

const COLUMNS: Column<AlertRowView>[] = [
  {
    id: "severity",
    header: "Severity",
    accessor: (row) => row.severity,
    render: (row) => (
      <Badge tone={SEVERITY_TONES[row.severity]} dot>
        {row.severity}
      </Badge>
    ),
    className: "w-28",
  },
  {
    id: "device",
    header: "Device",
    accessor: (row) => row.agentName,
    render: (row) => (
      <Link href={`/devices/${encodeURIComponent(row.agentId)}`} className="font-medium text-slate-900 hover:underline">
        {row.agentName}
      </Link>
    ),
  },
  { id: "message", header: "Message", accessor: (row) => row.message, className: "max-w-[32rem] truncate" },
  { id: "createdAt", header: "Raised", accessor: (row) => row.createdAt, render: (row) => <RelativeTime iso={row.createdAt} />, searchable: false, className: "w-32" },
  {
    id: "status",
    header: "State",
    accessor: (row) => row.status,
    render: (row) => (
      <span className="inline-flex items-center gap-2">
        <Badge tone={STATUS_TONES[row.status]}>{row.status}</Badge>
        {row.snoozedUntil ? (
          <span className="text-xs text-slate-500" title={`Snoozed until ${row.snoozedUntil}`}>
            snoozed, back <RelativeTime iso={row.snoozedUntil} />
          </span>
        ) : null}
        <span className="text-xs text-slate-500">{row.status === "acknowledged" ? `by ${row.acknowledgedBy}` : row.status === "resolved" ? (row.resolvedBy === "auto" ? "cleared by itself" : `by ${row.resolvedBy}`) : null}</span>
      </span>
    ),
  },
];

export function AlertsTable({ rows, state, canAct }: { rows: AlertRowView[]; state: string; canAct: boolean }) {
  const acknowledge = useMutation(alertIdInput, (input: { id: number }) => trpc.alerts.acknowledge.mutate(input));
  const resolve = useMutation(alertIdInput, (input: { id: number }) => trpc.alerts.resolve.mutate(input));
  const snooze = useMutation(snoozeAlertInput, (input: { id: number; minutes: number }) => trpc.alerts.snooze.mutate(input));
  const [busy, setBusy] = useState<number | null>(null);
  const error = acknowledge.error ?? resolve.error ?? snooze.error;

  const columns = useMemo<Column<AlertRowView>[]>(() => {
    if (!canAct) return COLUMNS;
    const act = (run: () => Promise<unknown>, id: number) => {
      setBusy(id);
      void run().finally(() => setBusy(null));
    };
    return [
      ...COLUMNS,
      {
        id: "actions",
        header: "",
        accessor: () => null,
        sortable: false,
        searchable: false,
        className: "w-64 py-0 text-right",
        render: (row) =>
          row.status === "resolved" ? null : (
            <span className="inline-flex gap-1">
              {row.status === "open" ? (
                <Button size="xs" variant="secondary" disabled={busy === row.id} onClick={() => act(() => acknowledge.run({ id: row.id }), row.id)} aria-label={`Acknowledge alert ${row.id}`}>
                  Acknowledge
                </Button>
              ) : null}
              <Button size="xs" variant="ghost" disabled={busy === row.id} onClick={() => act(() => snooze.run({ id: row.id, minutes: row.snoozedUntil ? 0 : 60 }), row.id)} aria-label={`${row.snoozedUntil ? "End the snooze of" : "Snooze for an hour"} alert ${row.id}`}>
                {row.snoozedUntil ? "Unsnooze" : "Snooze 1 h"}
              </Button>
              <Button size="xs" variant="secondary" disabled={busy === row.id} onClick={() => act(() => resolve.run({ id: row.id }), row.id)} aria-label={`Resolve alert ${row.id}`}>
                Resolve
              </Button>
            </span>
          ),
      },
    ];
  }, [canAct, busy, acknowledge.run, resolve.run, snooze.run]);

  if (rows.length === 0) {
    return (
      <EmptyState title={state === "active" ? "No active alerts" : "No alerts here"}>
        {state === "active" ? (
          <>
            Nothing is over its threshold. Alerts come from <Link href="/alerts/profiles" className="underline">monitoring profiles</Link> assigned to devices or groups.
          </>
        ) : (
          "Nothing matches this view yet."
        )}
      </EmptyState>
    );
  }
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      <DataTable rows={rows} columns={columns} rowKey={(row) => String(row.id)} noun="alerts" facets={["severity", "status"]} initialSort={{ columnId: "createdAt", direction: "desc" }} rowAttributes={(row) => ({ "data-alert-id": String(row.id) })} />
    </div>
  );
}
