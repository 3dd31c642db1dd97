"use client";
/** API keys with their role, use and state; an active key can be revoked. Never shows a key itself. */
import { useMemo, useState } from "react";
import { Alert } from "@/components/alert";
import { Badge, type BadgeTone } from "@/components/badge";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import type { Column } from "@/lib/table-rows";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { revokeApiKeyInput, type ApiKeySummary, type RevokeApiKeyInput } from "@/server/contracts/api-keys";

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

export function ApiKeysTable({ rows }: { rows: ApiKeySummary[] }) {
  const { run, pending, error, clearError } = useMutation(revokeApiKeyInput, (input: RevokeApiKeyInput) => trpc.apiKeys.revoke.mutate(input));
  const [confirming, setConfirming] = useState<ApiKeySummary | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  const columns = useMemo<Column<ApiKeySummary>[]>(
    () => [
      ...COLUMNS,
      {
        id: "actions",
        header: "",
        accessor: () => null,
        sortable: false,
        searchable: false,
        className: "w-20 py-0 text-right",
        render: (key) =>
          key.state === "active" ? (
            <Button
              variant="ghost-danger"
              size="xs"
              aria-label={`Revoke ${key.name}`}
              onClick={() => {
                clearError();
                setRevoked(null);
                setConfirming(key);
              }}
            >
              Revoke
            </Button>
          ) : null,
      },
    ],
    [clearError],
  );

  async function revoke(key: ApiKeySummary) {
    const result = await run({ id: key.id });
    setConfirming(null);
    if (result) setRevoked(key.name);
  }

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      {revoked ? (
        <Alert tone="success">
          API key <strong className="font-semibold">{revoked}</strong> revoked. Requests with it are refused from now on.
        </Alert>
      ) : null}
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(key) => key.id}
        noun="API keys"
        facets={["state", "role"]}
        initialSort={{ columnId: "createdAt", direction: "desc" }}
      />
      <ConfirmDialog
        open={confirming !== null}
        title={`Revoke API key ${confirming?.name ?? ""}?`}
        confirmLabel="Revoke key"
        pendingLabel="Revoking…"
        pending={pending}
        onConfirm={() => confirming && void revoke(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <p>
          Integrations using the key <code className="font-mono text-xs">{confirming?.prefix}…</code> stop working at once: every request with it is refused. This cannot be undone; create a new key
          if the integration still needs one.
        </p>
      </ConfirmDialog>
    </div>
  );
}
