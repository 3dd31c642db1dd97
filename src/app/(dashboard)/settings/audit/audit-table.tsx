"use client";
/**
 * The audit table; facets on action and result answer "who failed to sign in" in two clicks. Shell
 * entries link to their session's transcript.
 */
import Link from "next/link";
import { Badge } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import type { Column } from "@/lib/table-rows";

export type AuditRow = {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  success: boolean;
  clientIp: string | null;
  details: Record<string, unknown> | null;
};

/** The transcript page of a `shell.*` entry's session, if it names one. */
function transcriptHref(row: AuditRow): string | null {
  const sessionId = row.details?.sessionId;
  if (!row.action.startsWith("shell.") || typeof sessionId !== "string" || !row.target) return null;
  return `/settings/audit/shell/${encodeURIComponent(row.target)}/${encodeURIComponent(sessionId)}`;
}

function detailsText(details: AuditRow["details"]): string | null {
  if (!details || Object.keys(details).length === 0) return null;
  return Object.entries(details)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
}

const COLUMNS: Column<AuditRow>[] = [
  { id: "at", header: "Time", accessor: (row) => row.at, render: (row) => <RelativeTime iso={row.at} />, searchable: false, className: "w-32" },
  // No actor (shown as a dash): a failed sign-in, or the server itself creating the first admin.
  { id: "actor", header: "Actor", accessor: (row) => row.actor, className: "font-medium" },
  { id: "action", header: "Action", accessor: (row) => row.action, className: "font-mono text-xs" },
  { id: "target", header: "Target", accessor: (row) => row.target, className: "max-w-56 truncate" },
  {
    id: "result",
    header: "Result",
    accessor: (row) => (row.success ? "success" : "failure"),
    render: (row) => (
      <Badge tone={row.success ? "success" : "danger"} dot>
        {row.success ? "Success" : "Failure"}
      </Badge>
    ),
  },
  { id: "clientIp", header: "Client address", accessor: (row) => row.clientIp, className: "font-mono text-xs text-slate-600" },
  {
    id: "details",
    header: "Details",
    accessor: (row) => detailsText(row.details),
    render: (row) => {
      const text = detailsText(row.details);
      const transcript = transcriptHref(row);
      return (
        <>
          {text ? (
            <span title={text} className="block max-w-72 truncate font-mono text-xs text-slate-500">
              {text}
            </span>
          ) : null}
          {transcript ? (
            <Link href={transcript} className="text-xs text-sky-700 hover:underline">
              Transcript
            </Link>
          ) : null}
        </>
      );
    },
  },
];

const FACETS = ["action", "result"];

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return <DataTable rows={rows} columns={COLUMNS} rowKey={(row) => String(row.id)} noun="entries" facets={FACETS} initialSort={{ columnId: "at", direction: "desc" }} />;
}
