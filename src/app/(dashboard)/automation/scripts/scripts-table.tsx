"use client";
/** The library as a table: a row opens the script (editor, versions, runs). */
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import type { Column } from "@/lib/table-rows";
import type { ScriptSummary } from "@/server/contracts/scripts";
import { ApprovalBadge, LANGUAGE_LABELS } from "./script-labels";

const COLUMNS: Column<ScriptSummary>[] = [
  {
    id: "name",
    header: "Name",
    accessor: (script) => script.name,
    render: (script) => (
      <Link href={`/automation/scripts/${script.id}`} className="font-medium text-slate-900 hover:text-sky-700 hover:underline">
        {script.name}
      </Link>
    ),
  },
  { id: "description", header: "Description", accessor: (script) => script.description, className: "max-w-72 truncate" },
  { id: "language", header: "Language", accessor: (script) => LANGUAGE_LABELS[script.language] },
  { id: "version", header: "Version", accessor: (script) => script.version, numeric: true, searchable: false },
  { id: "approval", header: "Approval", accessor: (script) => script.approval, render: (script) => <ApprovalBadge approval={script.approval} /> },
  { id: "author", header: "Last author", accessor: (script) => script.author },
  { id: "updatedAt", header: "Changed", accessor: (script) => script.updatedAt, render: (script) => <RelativeTime iso={script.updatedAt} />, searchable: false },
];

export function ScriptsTable({ rows }: { rows: ScriptSummary[] }) {
  return (
    <DataTable
      rows={rows}
      columns={COLUMNS}
      rowKey={(script) => String(script.id)}
      noun="scripts"
      facets={["language", "approval"]}
      initialSort={{ columnId: "name", direction: "asc" }}
      rowHref={(script) => `/automation/scripts/${script.id}`}
    />
  );
}
