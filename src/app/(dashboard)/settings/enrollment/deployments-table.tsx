"use client";
/** Deployment links that still work (one-line installs, Tactical RMM deployments): where they enroll, until when, how often used; revocable. */
import { useMemo } from "react";
import { DataTable } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import { useRevokeAction, type RevokeWords } from "@/components/revoke-action";
import type { Column } from "@/lib/table-rows";
import { trpc } from "@/lib/trpc-client";
import { revokeDeploymentInput, type DeploymentSummary } from "@/server/contracts/deployments";

export type DeploymentRow = DeploymentSummary & { state: "active" };

const COLUMNS: Column<DeploymentRow>[] = [
  { id: "site", header: "Enrolls into", accessor: (row) => `${row.client.name} / ${row.site.name}`, className: "font-medium text-slate-900" },
  { id: "platform", header: "System", accessor: (row) => `${row.platform === "windows" ? "Windows" : "Linux"} ${row.arch}` },
  { id: "downloads", header: "Downloads", accessor: (row) => row.downloadCount, numeric: true, searchable: false },
  { id: "createdBy", header: "Created by", accessor: (row) => row.createdBy },
  { id: "expiresAt", header: "Expires", accessor: (row) => row.expiresAt, render: (row) => <RelativeTime iso={row.expiresAt} />, searchable: false },
];

const REVOKE_WORDS: RevokeWords<DeploymentRow> = {
  nameOf: (row) => `${row.client.name} / ${row.site.name} (${row.platform})`,
  title: (row) => `Revoke the install link for ${row.client.name} / ${row.site.name}?`,
  confirmLabel: "Revoke link",
  consequences: () => <p>The install command and download stop working at once, and so does the enrollment token inside packages already downloaded. Devices already installed are not affected.</p>,
  done: (name) => (
    <>
      Install link <strong className="font-semibold">{name}</strong> revoked.
    </>
  ),
};

export function DeploymentsTable({ rows }: { rows: DeploymentRow[] }) {
  const { column, feedback, dialog } = useRevokeAction<DeploymentRow>(revokeDeploymentInput, (input) => trpc.deployments.revoke.mutate(input), REVOKE_WORDS);
  const columns = useMemo(() => [...COLUMNS, column], [column]);
  return (
    <div className="space-y-3">
      {feedback}
      <DataTable rows={rows} columns={columns} rowKey={(row) => String(row.id)} noun="install links" initialSort={{ columnId: "expiresAt", direction: "asc" }} />
      {dialog}
    </div>
  );
}
