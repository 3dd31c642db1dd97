/** The device list: every enrolled agent, its state and where it belongs; updates live. */
import type { Metadata } from "next";
import { Alert } from "@/components/alert";
import { EmptyState } from "@/components/empty-state";
import { LiveUpdates } from "@/components/live-updates";
import { PageHeader } from "@/components/page-header";
import { tenantOptions } from "@/components/tenant-options";
import { requireSession } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { UNINSTALL_OUTCOMES, type UninstallOutcome } from "@/server/contracts/agents";
import { AddAgentButton, AddAgentUnavailable } from "./add-agent-dialog";
import { DevicesTable } from "./devices-table";

export const metadata: Metadata = { title: "Devices" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `?client=`, `?site=`, `?group=` and `?status=` preselect the filters, so other pages can link to a filtered list. */
function initialFacets(params: Awaited<SearchParams>): Record<string, string> {
  const facets: Record<string, string> = {};
  for (const key of ["client", "site", "group", "status"]) {
    const value = params[key];
    if (typeof value === "string" && value) facets[key] = value;
  }
  return facets;
}

const UNINSTALL_NOTICES: Record<UninstallOutcome, string> = {
  confirmed: "its agent confirmed and is uninstalling itself.",
  offline: "it was offline, so its agent is still installed: run `rmm-agent uninstall` on the machine (the agent stops trying to connect within an hour).",
  "no-answer": "its agent did not confirm in time and may still be installed: run `rmm-agent uninstall` on the machine.",
  refused: "its agent could not uninstall itself (too old?): run `rmm-agent uninstall` on the machine, or remove it by hand.",
};

/** After a removal (remove-device-button.tsx), `?removed=<name>&uninstall=<outcome>` says how it went. */
function RemovalNotice({ params }: { params: Awaited<SearchParams> }) {
  const { removed, uninstall } = params;
  if (typeof removed !== "string" || typeof uninstall !== "string" || !(UNINSTALL_OUTCOMES as readonly string[]).includes(uninstall)) return null;
  return (
    <div className="mb-4">
      <Alert tone={uninstall === "confirmed" ? "success" : "info"}>
        {removed} was removed; {UNINSTALL_NOTICES[uninstall as UninstallOutcome]}
      </Alert>
    </div>
  );
}

export default async function DevicesPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, caller } = await requireSession();
  const params = await searchParams;
  const canAdd = mayCall(actor, "enrollment.preparePackage");
  const [{ items: agents }, clients] = await Promise.all([caller.agents.list(), canAdd ? caller.clients.list().then((page) => tenantOptions(page.items)) : []]);
  const online = agents.filter((agent) => agent.online).length;
  return (
    <section>
      <PageHeader
        title="Devices"
        description={agents.length > 0 ? `${agents.length} enrolled · ${online} online · ${agents.length - online} offline` : "Endpoints managed by this server"}
        actions={
          <>
            {/* Load figures change without an event: refresh them every 30 s as well. */}
            <LiveUpdates pollMs={30_000} />
            {canAdd ? <AddAgentButton clients={clients} /> : <AddAgentUnavailable />}
          </>
        }
      />
      <RemovalNotice params={params} />
      {agents.length === 0 ? (
        <EmptyState title="No devices yet — add an agent" action={canAdd ? <AddAgentButton clients={clients} label="Add your first agent" variant="secondary" /> : null}>
          <p>Devices appear here as soon as an agent connects to this server. Install the agent on a Windows or Linux machine and it will enrol itself and report its status, site, group and system details.</p>
          {canAdd ? null : <p className="mt-2">Adding agents needs the operator role; ask an operator or admin.</p>}
        </EmptyState>
      ) : (
        <DevicesTable agents={agents} initialFacets={initialFacets(params)} />
      )}
    </section>
  );
}
