"use client";
/** Enrollment tokens with their state and use count; an active token can be revoked. */
import { useMemo } from "react";
import { Badge, type BadgeTone } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import { useRevokeAction, type RevokeWords } from "@/components/revoke-action";
import type { Column } from "@/lib/table-rows";
import { trpc } from "@/lib/trpc-client";
import { revokeEnrollmentInput } from "@/server/contracts/enrollment";

export type TokenRow = { id: string; label: string; site: string; createdBy: string; createdAt: string; expiresAt: string; uses: number; maxUses: number; state: string };

const STATE_TONES: Record<string, BadgeTone> = { active: "success", "used up": "neutral", expired: "neutral", revoked: "danger" };

const COLUMNS: Column<TokenRow>[] = [
  { id: "label", header: "Label", accessor: (row) => row.label, className: "max-w-64 truncate font-medium text-slate-900" },
  { id: "site", header: "Site", accessor: (row) => row.site },
  { id: "state", header: "State", accessor: (row) => row.state, render: (row) => <Badge tone={STATE_TONES[row.state] ?? "neutral"}>{row.state}</Badge> },
  { id: "uses", header: "Uses", accessor: (row) => row.uses, render: (row) => `${row.uses} / ${row.maxUses}`, numeric: true, searchable: false },
  { id: "createdBy", header: "Created by", accessor: (row) => row.createdBy },
  { id: "createdAt", header: "Created", accessor: (row) => row.createdAt, render: (row) => <RelativeTime iso={row.createdAt} />, searchable: false },
  { id: "expiresAt", header: "Expires", accessor: (row) => row.expiresAt, render: (row) => <RelativeTime iso={row.expiresAt} />, searchable: false },
];

const REVOKE_WORDS: RevokeWords<TokenRow> = {
  nameOf: (row) => row.label,
  title: (row) => `Revoke enrollment token ${row.label}?`,
  confirmLabel: "Revoke token",
  consequences: () => <p>Agents can no longer enrol with this token, including from downloaded packages that contain it. Agents already enrolled are not affected.</p>,
  done: (name) => (
    <>
      Token <strong className="font-semibold">{name}</strong> revoked. Agents already enrolled with it keep working.
    </>
  ),
};

export function TokensTable({ rows }: { rows: TokenRow[] }) {
  const { column, feedback, dialog } = useRevokeAction<TokenRow>(revokeEnrollmentInput, (input) => trpc.enrollment.revoke.mutate(input), REVOKE_WORDS);
  const columns = useMemo(() => [...COLUMNS, column], [column]);

  return (
    <div className="space-y-3">
      {feedback}
      <DataTable rows={rows} columns={columns} rowKey={(row) => row.id} noun="tokens" facets={["state"]} initialSort={{ columnId: "createdAt", direction: "desc" }} />
      {dialog}
    </div>
  );
}
