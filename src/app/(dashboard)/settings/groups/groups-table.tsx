"use client";
/** The groups table; a group's device count links to the device list filtered to that group. */
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import type { Column } from "@/lib/table-rows";

export type GroupRow = { name: string; devices: number; online: number };

const devicesOf = (group: string) => `/devices?group=${encodeURIComponent(group)}`;

const COLUMNS: Column<GroupRow>[] = [
  {
    id: "name",
    header: "Group",
    accessor: (row) => row.name,
    render: (row) => (
      <Link href={devicesOf(row.name)} className="font-medium text-slate-900 hover:text-sky-700 hover:underline">
        {row.name}
      </Link>
    ),
  },
  { id: "devices", header: "Devices", accessor: (row) => row.devices, className: "w-28 tabular-nums", searchable: false },
  {
    id: "online",
    header: "Online",
    accessor: (row) => row.online,
    render: (row) => (row.devices === 0 ? <span className="text-slate-400">—</span> : <span className="tabular-nums">{row.online}</span>),
    className: "w-28",
    searchable: false,
  },
];

export function GroupsTable({ rows }: { rows: GroupRow[] }) {
  return <DataTable rows={rows} columns={COLUMNS} rowKey={(row) => row.name} noun="groups" initialSort={{ columnId: "name", direction: "asc" }} rowHref={(row) => devicesOf(row.name)} />;
}
