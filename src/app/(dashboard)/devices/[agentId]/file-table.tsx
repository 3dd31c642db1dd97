"use client";
/** The entries of one folder on a device: folders open on click, files download; sortable by name, size and date. */
import { Button } from "@/components/button";
import { DataTable } from "@/components/data-table";
import { formatBytes } from "@/lib/format-bytes";
import { formatTimestamp } from "@/lib/format-time";
import type { Column } from "@/lib/table-rows";
import type { FileListOutput } from "@/server/contracts/files";

export type FileRow = FileListOutput["entries"][number];

const KIND_LABELS: Record<FileRow["kind"], string> = { directory: "Folder", file: "File", symlink: "Link", other: "Other" };

function FolderIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="size-4 shrink-0 text-sky-500" fill="currentColor">
      <path d="M1.5 3.5A1.5 1.5 0 0 1 3 2h3.2l1.5 1.5H13A1.5 1.5 0 0 1 14.5 5v7A1.5 1.5 0 0 1 13 13.5H3A1.5 1.5 0 0 1 1.5 12z" />
    </svg>
  );
}

function FileIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="size-4 shrink-0 text-slate-400" fill="none" stroke="currentColor" strokeWidth={1.3}>
      <path d="M4 1.5h5.5L13 5v9.5H4z M9.5 1.5V5H13" />
    </svg>
  );
}

type FileTableProps = {
  entries: FileRow[];
  onOpen: (entry: FileRow) => void;
  onDownload: (entry: FileRow) => void;
  /** Why downloading is not possible now, or null. */
  downloadDisabledReason: string | null;
};

export function FileTable({ entries, onOpen, onDownload, downloadDisabledReason }: FileTableProps) {
  const columns: Column<FileRow>[] = [
    {
      id: "name",
      header: "Name",
      accessor: (entry) => entry.name,
      className: "max-w-[28rem] truncate",
      render: (entry) =>
        entry.kind === "directory" ? (
          <button type="button" onClick={() => onOpen(entry)} className="inline-flex items-center gap-2 font-medium text-slate-900 hover:text-sky-700 hover:underline">
            <FolderIcon />
            {entry.name}
          </button>
        ) : (
          <span className="inline-flex items-center gap-2 text-slate-800">
            <FileIcon />
            {entry.name}
          </span>
        ),
    },
    { id: "kind", header: "Type", accessor: (entry) => KIND_LABELS[entry.kind], className: "w-20 text-slate-500" },
    { id: "size", header: "Size", accessor: (entry) => entry.sizeBytes ?? null, render: (entry) => (entry.sizeBytes === undefined ? null : formatBytes(entry.sizeBytes)), numeric: true, searchable: false, className: "w-24 tabular-nums text-slate-600" },
    { id: "modified", header: "Modified", accessor: (entry) => entry.modifiedAt ?? null, render: (entry) => (entry.modifiedAt ? formatTimestamp(entry.modifiedAt) : null), searchable: false, className: "w-44 text-slate-600" },
    {
      id: "actions",
      header: "",
      accessor: () => null,
      sortable: false,
      searchable: false,
      className: "w-28 py-0 text-right",
      render: (entry) =>
        entry.kind === "directory" ? null : (
          <Button variant="ghost" size="xs" title={downloadDisabledReason ?? `Download ${entry.name}`} disabled={downloadDisabledReason !== null} onClick={() => onDownload(entry)}>
            Download
          </Button>
        ),
    },
  ];
  return (
    <DataTable
      rows={entries}
      columns={columns}
      rowKey={(entry) => entry.path}
      noun="entries"
      initialSort={{ columnId: "name", direction: "asc" }}
      rowAttributes={(entry) => ({ "data-testid": "file-row", "data-name": entry.name, "data-kind": entry.kind })}
    />
  );
}
