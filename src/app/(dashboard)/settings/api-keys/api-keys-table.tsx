"use client";
/** API keys with their role, use and state; an active key can be revoked. Never shows a key itself. */
import { useMemo } from "react";
import { Badge, type BadgeTone } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import { useRevokeAction, type RevokeWords } from "@/components/revoke-action";
import { restrictionLabel } from "@/components/tenant-options";
import type { Column } from "@/lib/table-rows";
import { trpc } from "@/lib/trpc-client";
import { revokeApiKeyInput, type ApiKeySummary } from "@/server/contracts/api-keys";

const STATE_TONES: Record<ApiKeySummary["state"], BadgeTone> = { active: "success", expired: "neutral", revoked: "danger" };

/** "admin → operator" when the creator's role has since dropped below the key's: the key acts with the lower one. */
function roleText(key: ApiKeySummary): string {
  return key.role === key.effectiveRole ? key.role : `${key.role} → ${key.effectiveRole}`;
}

function RoleCell({ apiKey }: { apiKey: ApiKeySummary }) {
  if (apiKey.role === apiKey.effectiveRole) return <>{apiKey.role}</>;
  return (
    <span title={`Its creator now has the ${apiKey.effectiveRole} role, so the key acts as ${apiKey.effectiveRole}.`}>
      <span className="text-slate-400 line-through">{apiKey.role}</span> → {apiKey.effectiveRole}
    </span>
  );
}

const COLUMNS: Column<ApiKeySummary>[] = [
  { id: "name", header: "Name", accessor: (key) => key.name, className: "max-w-64 truncate font-medium text-slate-900" },
  { id: "prefix", header: "Prefix", accessor: (key) => key.prefix, className: "font-mono text-xs text-slate-700" },
  { id: "role", header: "Role", accessor: roleText, render: (key) => <RoleCell apiKey={key} /> },
  { id: "state", header: "State", accessor: (key) => key.state, render: (key) => <Badge tone={STATE_TONES[key.state]}>{key.state}</Badge> },
  { id: "createdBy", header: "Created by", accessor: (key) => key.createdBy },
  { id: "createdAt", header: "Created", accessor: (key) => key.createdAt, render: (key) => <RelativeTime iso={key.createdAt} />, searchable: false },
  { id: "lastUsedAt", header: "Last used", accessor: (key) => key.lastUsedAt, render: (key) => <RelativeTime iso={key.lastUsedAt} />, searchable: false },
  { id: "expiresAt", header: "Expires", accessor: (key) => key.expiresAt, render: (key) => <RelativeTime iso={key.expiresAt} />, searchable: false },
];

const REVOKE_WORDS: RevokeWords<ApiKeySummary> = {
  nameOf: (key) => key.name,
  title: (key) => `Revoke API key ${key.name}?`,
  confirmLabel: "Revoke key",
  consequences: (key) => (
    <p>
      Integrations using the key <code className="font-mono text-xs">{key.prefix}…</code> stop working at once: every request with it is refused. This cannot be undone; create a new key if the
      integration still needs one.
    </p>
  ),
  done: (name) => (
    <>
      API key <strong className="font-semibold">{name}</strong> revoked. Requests with it are refused from now on.
    </>
  ),
};

export function ApiKeysTable({ rows, clients }: { rows: ApiKeySummary[]; clients: { id: number; name: string }[] }) {
  const { column, feedback, dialog } = useRevokeAction<ApiKeySummary>(revokeApiKeyInput, (input) => trpc.apiKeys.revoke.mutate(input), REVOKE_WORDS);
  const columns = useMemo(() => {
    // The key's own limit; its creator's applies as well, whatever this says.
    const clientsColumn: Column<ApiKeySummary> = { id: "clients", header: "Clients", accessor: (key) => restrictionLabel(key.clientIds, clients), className: "max-w-48 truncate" };
    return [...COLUMNS.slice(0, 3), clientsColumn, ...COLUMNS.slice(3), column];
  }, [clients, column]);

  return (
    <div className="space-y-3">
      {feedback}
      <DataTable rows={rows} columns={columns} rowKey={(key) => key.id} noun="API keys" facets={["state", "role"]} initialSort={{ columnId: "createdAt", direction: "desc" }} />
      {dialog}
    </div>
  );
}
