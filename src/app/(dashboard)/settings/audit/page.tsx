/** The audit log (admin only): who did what, when, from where, and whether it succeeded. */
import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { PageHeader } from "@/components/page-header";
import { mayCall, refusal } from "@/server/auth/permissions";
import { requireSession } from "@/lib/session";
import { AuditTable, type AuditRow } from "./audit-table";

export const metadata: Metadata = { title: "Audit log" };

const LIMIT = 500;

export default async function AuditPage() {
  const { actor, caller } = await requireSession();
  if (!mayCall(actor, "audit.list")) return <Forbidden {...refusal(actor, "audit.list")} />;
  const entries = await caller.audit.list({ limit: LIMIT });
  const rows: AuditRow[] = entries.map((entry) => ({ ...entry, at: entry.at.toISOString() }));
  return (
    <section>
      <PageHeader title="Audit log" description={`The latest ${LIMIT} recorded actions, newest first: who did what, from where, and whether it worked.`} />
      <AuditTable rows={rows} />
    </section>
  );
}
