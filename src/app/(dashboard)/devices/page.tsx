/** The device list: every enrolled agent, its state and where it belongs; updates live. */
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { LiveUpdates } from "@/components/live-updates";
import { PageHeader } from "@/components/page-header";
import { tenantOptions } from "@/components/tenant-options";
import { requireSession } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
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

export default async function DevicesPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, caller } = await requireSession();
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
      {agents.length === 0 ? (
        <EmptyState title="No devices yet — add an agent" action={canAdd ? <AddAgentButton clients={clients} label="Add your first agent" variant="secondary" /> : null}>
          <p>Devices appear here as soon as an agent connects to this server. Install the agent on a Windows or Linux machine and it will enrol itself and report its status, site, group and system details.</p>
          {canAdd ? null : <p className="mt-2">Adding agents needs the operator role; ask an operator or admin.</p>}
        </EmptyState>
      ) : (
        <DevicesTable agents={agents} initialFacets={initialFacets(await searchParams)} />
      )}
    </section>
  );
}
