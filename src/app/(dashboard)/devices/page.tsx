/**
 * The device list: one page of the agents matching the address's filters (see
 * src/lib/device-list-params.ts), beside the client/site tree; updates live.
 */
import type { Metadata } from "next";
import { Alert } from "@/components/alert";
import { EmptyState } from "@/components/empty-state";
import { LiveUpdates } from "@/components/live-updates";
import { PageHeader } from "@/components/page-header";
import { tenantOptions } from "@/components/tenant-options";
import { isFiltered, listInputOf, parseDeviceListParams } from "@/lib/device-list-params";
import { requireSession } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { UNINSTALL_OUTCOMES, type UninstallOutcome } from "@/server/contracts/agents";
import { AddAgentButton, AddAgentUnavailable } from "./add-agent-dialog";
import { DeviceTree } from "./device-tree";
import { DevicesTable } from "./devices-table";

export const metadata: Metadata = { title: "Devices" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

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
  const raw = await searchParams;
  const params = parseDeviceListParams(raw);
  const canAdd = mayCall(actor, "enrollment.preparePackage");
  const [page, clients, groups, online, alerts] = await Promise.all([
    caller.agents.list(listInputOf(params)),
    caller.clients.list().then((result) => result.items),
    caller.groups.list(),
    caller.agents.list({ status: "online", perPage: 1 }).then((result) => result.total),
    caller.alerts.counts(),
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
      <RemovalNotice params={raw} />
      {enrolled === 0 && !isFiltered(params) ? (
        <EmptyState title="No devices yet — add an agent" action={canAdd ? <AddAgentButton clients={tenants} label="Add your first agent" variant="secondary" /> : null}>
          <p>Devices appear here as soon as an agent connects to this server. Install the agent on a Windows or Linux machine and it will enrol itself and report its status, site, group and system details.</p>
          {canAdd ? null : <p className="mt-2">Adding agents needs the operator role; ask an operator or admin.</p>}
        </EmptyState>
      ) : (
        <div className="flex gap-4">
          <DeviceTree clients={clients} params={params} />
          <DevicesTable page={page} params={params} role={actor.role} context={{ clients: tenants, groups }} alertsByAgent={alerts.byAgent} />
        </div>
      )}
    </section>
  );
}
