/** The audit log (admin only): who did what, when, from where, and whether it succeeded. */
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/session";
import { AuditTable, type AuditRow } from "./audit-table";

export const metadata: Metadata = { title: "Audit log" };

const LIMIT = 500;

export default async function AuditPage() {
  const { caller } = await requirePermission("audit.list");
  const entries = await caller.audit.list({ limit: LIMIT });
  const rows: AuditRow[] = entries.map((entry) => ({ ...entry, at: entry.at.toISOString() }));
  return (
    <section>
      <PageHeader title="Audit log" description={`The latest ${LIMIT} recorded actions, newest first: who did what, from where, and whether it worked.`} />
      <AuditTable rows={rows} />
    </section>
  );
}
