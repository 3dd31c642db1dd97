"use client";
/** The users table: name, role, whether a second factor is set up, and since when. */
import { Badge } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import type { Column } from "@/lib/table-rows";
import type { UserSummary } from "@/server/contracts/users";

const ROLE_TONES = { admin: "info", operator: "warning", viewer: "neutral" } as const;

const COLUMNS: Column<UserSummary>[] = [
  { id: "username", header: "Username", accessor: (user) => user.username, className: "font-medium text-slate-900" },
  { id: "role", header: "Role", accessor: (user) => user.role, render: (user) => <Badge tone={ROLE_TONES[user.role]}>{user.role}</Badge> },
  {
    id: "totp",
    header: "TOTP",
    accessor: (user) => (user.totpEnabled ? "enabled" : "off"),
    render: (user) => (user.totpEnabled ? <Badge tone="success">Enabled</Badge> : <span className="text-slate-400">Off</span>),
  },
  { id: "created", header: "Created", accessor: (user) => user.createdAt, render: (user) => <RelativeTime iso={user.createdAt} />, searchable: false },
];

export function UsersTable({ users }: { users: UserSummary[] }) {
  return <DataTable rows={users} columns={COLUMNS} rowKey={(user) => user.username} noun="users" initialSort={{ columnId: "username", direction: "asc" }} />;
}
