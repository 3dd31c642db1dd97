/**
 * The device list: one page of the agents matching the address's filters (see
 * src/lib/device-list-params.ts), beside the client/site tree; updates live.
 */
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { LiveUpdates } from "@/components/live-updates";
import { PageHeader } from "@/components/page-header";
import { tenantOptions } from "@/components/tenant-options";
import { isFiltered, listInputOf, parseDeviceListParams } from "@/lib/device-list-params";
import { requireSession } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { AddAgentButton, AddAgentUnavailable } from "./add-agent-dialog";
import { DeviceTree } from "./device-tree";
import { DevicesTable } from "./devices-table";

export const metadata: Metadata = { title: "Devices" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DevicesPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, caller } = await requireSession();
  const params = parseDeviceListParams(await searchParams);
  const canAdd = mayCall(actor, "enrollment.preparePackage");
  const [page, clients, groups, online] = await Promise.all([
    caller.agents.list(listInputOf(params)),
    caller.clients.list().then((result) => result.items),
    caller.groups.list(),
    caller.agents.list({ status: "online", perPage: 1 }).then((result) => result.total),
  ]);
  const enrolled = clients.reduce((sum, client) => sum + client.agentCount, 0);
  const tenants = tenantOptions(clients);
  return (
    <section>
      <PageHeader
        title="Devices"
        description={enrolled > 0 ? `${enrolled.toLocaleString("en")} enrolled · ${online.toLocaleString("en")} online · ${(enrolled - online).toLocaleString("en")} offline` : "Endpoints managed by this server"}
        actions={
          <>
            {/* Load figures change without an event: refresh them every 30 s as well. */}
            <LiveUpdates pollMs={30_000} />
            {canAdd ? <AddAgentButton clients={tenants} /> : <AddAgentUnavailable />}
          </>
        }
      />
      {enrolled === 0 && !isFiltered(params) ? (
        <EmptyState title="No devices yet — add an agent" action={canAdd ? <AddAgentButton clients={tenants} label="Add your first agent" variant="secondary" /> : null}>
          <p>Devices appear here as soon as an agent connects to this server. Install the agent on a Windows or Linux machine and it will enrol itself and report its status, site, group and system details.</p>
          {canAdd ? null : <p className="mt-2">Adding agents needs the operator role; ask an operator or admin.</p>}
        </EmptyState>
      ) : (
        <div className="flex gap-4">
          <DeviceTree clients={clients} params={params} />
          <DevicesTable page={page} params={params} role={actor.role} context={{ clients: tenants, groups }} />
        </div>
      )}
    </section>
  );
}
