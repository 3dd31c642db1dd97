"use client";
/** Enrollment tokens with their state and use count; an active token can be revoked. */
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
import { revokeEnrollmentInput } from "@/server/contracts/enrollment";

export type TokenRow = { id: string; label: string; createdBy: string; createdAt: string; expiresAt: string; uses: number; maxUses: number; state: string };

const STATE_TONES: Record<string, BadgeTone> = { active: "success", "used up": "neutral", expired: "neutral", revoked: "danger" };

const COLUMNS: Column<TokenRow>[] = [
  { id: "label", header: "Label", accessor: (row) => row.label, className: "max-w-64 truncate font-medium text-slate-900" },
  { id: "state", header: "State", accessor: (row) => row.state, render: (row) => <Badge tone={STATE_TONES[row.state] ?? "neutral"}>{row.state}</Badge> },
  { id: "uses", header: "Uses", accessor: (row) => row.uses, render: (row) => `${row.uses} / ${row.maxUses}`, numeric: true, searchable: false },
  { id: "createdBy", header: "Created by", accessor: (row) => row.createdBy },
  { id: "createdAt", header: "Created", accessor: (row) => row.createdAt, render: (row) => <RelativeTime iso={row.createdAt} />, searchable: false },
  { id: "expiresAt", header: "Expires", accessor: (row) => row.expiresAt, render: (row) => <RelativeTime iso={row.expiresAt} />, searchable: false },
];

export function TokensTable({ rows }: { rows: TokenRow[] }) {
  const { run, pending, error, clearError } = useMutation(revokeEnrollmentInput, (input: { id: string }) => trpc.enrollment.revoke.mutate(input));
  const [confirming, setConfirming] = useState<TokenRow | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  const columns = useMemo<Column<TokenRow>[]>(
    () => [
      ...COLUMNS,
      {
        id: "actions",
        header: "",
        accessor: () => null,
        sortable: false,
        searchable: false,
        className: "w-20 py-0 text-right",
        render: (row) =>
          row.state === "active" ? (
            <Button
              variant="ghost-danger"
              size="xs"
              onClick={() => {
                clearError();
                setRevoked(null);
                setConfirming(row);
              }}
            >
              Revoke
            </Button>
          ) : null,
      },
    ],
    [clearError],
  );

  async function revoke(row: TokenRow) {
    const result = await run({ id: row.id });
    setConfirming(null);
    if (result) setRevoked(row.label);
  }

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      {revoked ? (
        <Alert tone="success">
          Token <strong className="font-semibold">{revoked}</strong> revoked. Agents already enrolled with it keep working.
        </Alert>
      ) : null}
      <DataTable rows={rows} columns={columns} rowKey={(row) => row.id} noun="tokens" facets={["state"]} initialSort={{ columnId: "createdAt", direction: "desc" }} />
      <ConfirmDialog
        open={confirming !== null}
        title={`Revoke enrollment token ${confirming?.label ?? ""}?`}
        confirmLabel="Revoke token"
        pendingLabel="Revoking…"
        pending={pending}
        onConfirm={() => confirming && void revoke(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <p>Agents can no longer enrol with this token, including from downloaded packages that contain it. Agents already enrolled are not affected.</p>
      </ConfirmDialog>
    </div>
  );
}
