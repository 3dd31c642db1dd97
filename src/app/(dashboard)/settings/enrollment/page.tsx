/** Enrollment tokens (operators and admins): what lets new agents join, who made it, and until when. */
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { tenantOptions } from "@/components/tenant-options";
import { requirePermission } from "@/lib/session";
import { CreateTokenForm } from "./create-token-form";
import { DeploymentsTable } from "./deployments-table";
import { TokensTable, type TokenRow } from "./tokens-table";

export const metadata: Metadata = { title: "Enrollment" };

export default async function EnrollmentPage() {
  const { caller } = await requirePermission("enrollment.list");
  const [tokens, { items: clients }, deployments] = await Promise.all([caller.enrollment.list(), caller.clients.list(), caller.deployments.list()]);
  const rows: TokenRow[] = tokens.map((token) => ({
    id: token.id,
    label: token.label,
    site: `${token.client.name} / ${token.site.name}`,
    createdBy: token.createdBy,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    uses: token.uses,
    maxUses: token.maxUses,
    state: token.state,
  }));
  return (
    <section>
      <PageHeader
        title="Enrollment"
        description="Tokens that let new agents join this server. Every agent download makes one; create one here for scripted installs. Revoking a token stops new enrolments with it; agents already enrolled keep working."
      />
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <TokensTable rows={rows} />
        <CreateTokenForm clients={tenantOptions(clients)} />
      </div>
      <h2 className="mt-8 mb-1 text-sm font-semibold text-slate-900">Install links</h2>
      <p className="mb-3 text-[13px] text-slate-600">One-line installs made from “Add agent” on the device list (or by the Tactical RMM API). Each enrolls into its site until it expires or is revoked.</p>
      <DeploymentsTable rows={deployments.map((deployment) => ({ ...deployment, state: "active" as const }))} />
    </section>
  );
}
