"use client";
/**
 * The users table: name, role, clients, state, second factor and last sign-in, with each user's
 * controls (role, clients, reset password, end sessions, disable or enable). The signed-in admin's own row is
 * marked and has none: locking oneself out is not a click away, and the server refuses it anyway.
 */
import Link from "next/link";
import { useMemo, useState } from "react";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { DataTable } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import { restrictionLabel } from "@/components/tenant-options";
import type { Column } from "@/lib/table-rows";
import { ROLES, type Role } from "@/server/auth/roles";
import type { UserSummary } from "@/server/contracts/users";
import { ResetPasswordDialog } from "./reset-password-dialog";
import { UserActionDialog, type UserAction } from "./user-action-dialog";
import { UserClientsDialog } from "./user-clients-dialog";

const ROLE_TONES = { admin: "info", operator: "warning", viewer: "neutral" } as const;
const SELECT = "h-6 rounded border border-slate-300 bg-white px-1 text-xs text-slate-800 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/25 focus:outline-none";

type Action = UserAction | { kind: "clients"; user: UserSummary };
type ActOn = (action: Action) => void;
type ClientName = { id: number; name: string };

function RoleCell({ user, isSelf, actOn }: { user: UserSummary; isSelf: boolean; actOn: ActOn }) {
  if (isSelf) return <Badge tone={ROLE_TONES[user.role]}>{user.role}</Badge>;
  return (
    // Controlled by the server's value: choosing a role only asks; the row changes once it is done.
    <select aria-label={`Role of ${user.username}`} value={user.role} onChange={(event) => actOn({ kind: "setRole", user, role: event.target.value as Role })} className={SELECT}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}

function ClientsCell({ user, isSelf, clients, actOn }: { user: UserSummary; isSelf: boolean; clients: ClientName[]; actOn: ActOn }) {
  const label = restrictionLabel(user.clientIds, clients);
  if (isSelf) return <span className="text-slate-600">{label}</span>;
  return (
    <Button variant="ghost" size="xs" aria-label={`Clients of ${user.username}: ${label}`} onClick={() => actOn({ kind: "clients", user })} className="max-w-56 justify-start truncate">
      {label}
    </Button>
  );
}

function ActionsCell({ user, isSelf, actOn }: { user: UserSummary; isSelf: boolean; actOn: ActOn }) {
  if (isSelf) {
    return (
      <Link href="/settings/account" className="px-2 text-xs text-sky-700 hover:underline">
        Your account
      </Link>
    );
  }
  const label = (verb: string) => `${verb} ${user.username}`;
  return (
    <div className="flex justify-end gap-1">
      <Button variant="ghost" size="xs" aria-label={label("Reset password of")} onClick={() => actOn({ kind: "resetPassword", user })}>
        Reset password
      </Button>
      <Button variant="ghost" size="xs" aria-label={label("End sessions of")} onClick={() => actOn({ kind: "endSessions", user })}>
        End sessions
      </Button>
      {user.disabled ? (
        <Button variant="ghost" size="xs" aria-label={label("Enable")} onClick={() => actOn({ kind: "enable", user })}>
          Enable
        </Button>
      ) : (
        <Button variant="ghost-danger" size="xs" aria-label={label("Disable")} onClick={() => actOn({ kind: "disable", user })}>
          Disable
        </Button>
      )}
    </div>
  );
}

function columnsFor(currentUsername: string, clients: ClientName[], actOn: ActOn): Column<UserSummary>[] {
  const isSelf = (user: UserSummary) => user.username === currentUsername;
  return [
    {
      id: "username",
      header: "Username",
      accessor: (user) => user.username,
      render: (user) => (
        <span className="flex items-center gap-2">
          {user.username}
          {isSelf(user) ? <Badge tone="neutral">you</Badge> : null}
        </span>
      ),
      className: "font-medium text-slate-900",
    },
    { id: "role", header: "Role", accessor: (user) => user.role, render: (user) => <RoleCell user={user} isSelf={isSelf(user)} actOn={actOn} /> },
    {
      id: "clients",
      header: "Clients",
      accessor: (user) => restrictionLabel(user.clientIds, clients),
      render: (user) => <ClientsCell user={user} isSelf={isSelf(user)} clients={clients} actOn={actOn} />,
    },
    {
      id: "state",
      header: "State",
      accessor: (user) => (user.disabled ? "disabled" : "active"),
      render: (user) => (user.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>),
    },
    {
      id: "totp",
      header: "TOTP",
      accessor: (user) => (user.totpEnabled ? "enabled" : "off"),
      render: (user) => (user.totpEnabled ? <Badge tone="success">Enabled</Badge> : <span className="text-slate-400">Off</span>),
    },
    { id: "lastSignIn", header: "Last sign-in", accessor: (user) => user.lastSignInAt, render: (user) => <RelativeTime iso={user.lastSignInAt} />, searchable: false },
    { id: "created", header: "Created", accessor: (user) => user.createdAt, render: (user) => <RelativeTime iso={user.createdAt} />, searchable: false },
    {
      id: "actions",
      header: "",
      accessor: () => null,
      sortable: false,
      searchable: false,
      className: "py-0 text-right",
      render: (user) => <ActionsCell user={user} isSelf={isSelf(user)} actOn={actOn} />,
    },
  ];
}

export function UsersTable({ users, currentUsername, clients }: { users: UserSummary[]; currentUsername: string; clients: ClientName[] }) {
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const columns = useMemo(
    () =>
      columnsFor(currentUsername, clients, (next) => {
        setNotice(null);
        setAction(next);
      }),
    [currentUsername, clients],
  );
  const close = () => setAction(null);

  return (
    <div className="space-y-3">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <DataTable
        rows={users}
        columns={columns}
        rowKey={(user) => user.username}
        noun="users"
        facets={["role", "state"]}
        initialSort={{ columnId: "username", direction: "asc" }}
        rowAttributes={(user) => ({ "data-username": user.username })}
      />
      {action?.kind === "resetPassword" ? <ResetPasswordDialog key={action.user.username} user={action.user} onClose={close} /> : null}
      {action?.kind === "clients" ? (
        <UserClientsDialog
          key={action.user.username}
          user={action.user}
          clients={clients}
          onClose={close}
          onDone={(message) => {
            close();
            setNotice(message);
          }}
        />
      ) : null}
      {action && action.kind !== "resetPassword" && action.kind !== "clients" ? (
        <UserActionDialog
          key={`${action.kind}:${action.user.username}`}
          action={action}
          onCancel={close}
          onDone={(message) => {
            close();
            setNotice(message);
          }}
        />
      ) : null}
    </div>
  );
}
