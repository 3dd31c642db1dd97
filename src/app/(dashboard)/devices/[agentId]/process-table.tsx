"use client";
/** The columns of a device's process list; operators get an "End process" button per row. */
import { useMemo } from "react";
import { Button } from "@/components/button";
import { DataTable } from "@/components/data-table";
import { formatBytes } from "@/lib/format-bytes";
import type { Column } from "@/lib/table-rows";
import type { ProcessInfo } from "@/protocol/processes";

const BASE_COLUMNS: Column<ProcessInfo>[] = [
  { id: "pid", header: "PID", accessor: (process) => process.pid, className: "w-20 font-mono text-xs text-slate-600 tabular-nums" },
  { id: "name", header: "Name", accessor: (process) => process.name, className: "max-w-56 truncate font-medium text-slate-900" },
  { id: "user", header: "User", accessor: (process) => process.user, className: "max-w-40 truncate text-slate-600" },
  { id: "cpu", header: "CPU %", accessor: (process) => process.cpuPercent, render: (process) => process.cpuPercent.toFixed(1), numeric: true, searchable: false, className: "w-20" },
  { id: "memory", header: "Memory", accessor: (process) => process.memoryBytes, render: (process) => formatBytes(process.memoryBytes), numeric: true, searchable: false, className: "w-24" },
  {
    id: "command",
    header: "Command line",
    accessor: (process) => process.command,
    // Long command lines are cut to the column; the tooltip has all of it.
    render: (process) =>
      process.command ? (
        <span title={process.command} className="block truncate">
          {process.command}
        </span>
      ) : (
        <span className="text-slate-400">—</span>
      ),
    className: "max-w-[28rem] font-mono text-xs text-slate-600",
  },
];

type ProcessTableProps = {
  processes: ProcessInfo[];
  /** Null for viewers: no kill column at all. */
  onEnd: ((process: ProcessInfo) => void) | null;
  /** Why ending is not possible right now (e.g. the device is offline), or null. */
  endDisabledReason: string | null;
};

export function ProcessTable({ processes, onEnd, endDisabledReason }: ProcessTableProps) {
  const columns = useMemo(() => {
    if (!onEnd) return BASE_COLUMNS;
    const end: Column<ProcessInfo> = {
      id: "actions",
      header: "",
      accessor: () => null,
      sortable: false,
      searchable: false,
      className: "w-16 py-0 text-right",
      render: (process) => (
        <Button
          variant="ghost-danger"
          size="xs"
          aria-label="End process"
          title={endDisabledReason ?? `End ${process.name} (PID ${process.pid})`}
          disabled={endDisabledReason !== null}
          onClick={() => onEnd(process)}
        >
          <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round">
            <circle cx="8" cy="8" r="5.5" />
            <path d="M6 6l4 4M10 6l-4 4" />
          </svg>
          End
        </Button>
      ),
    };
    return [...BASE_COLUMNS, end];
  }, [onEnd, endDisabledReason]);

  return (
    <DataTable
      rows={processes}
      columns={columns}
      rowKey={(process) => String(process.pid)}
      noun="processes"
      initialSort={{ columnId: "cpu", direction: "desc" }}
      rowAttributes={(process) => ({ "data-testid": "process-row", "data-pid": String(process.pid) })}
    />
  );
}
