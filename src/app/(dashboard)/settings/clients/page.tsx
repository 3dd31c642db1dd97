/** Clients (customers) and their sites: device counts, creating and renaming them, moving devices between sites. */
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { tenantOptions } from "@/components/tenant-options";
import { requireSession } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { ClientsList } from "./clients-list";
import { CreateClientForm } from "./create-client-form";
import { MoveDevicesForm } from "./move-devices-form";

export const metadata: Metadata = { title: "Clients" };

export default async function ClientsPage() {
  const { actor, caller } = await requireSession();
  const canMove = mayCall(actor, "agents.moveToSite");
  const [{ items: clients }, agents] = await Promise.all([caller.clients.list(), canMove ? caller.agents.list().then((page) => page.items) : []]);
  const may = { rename: mayCall(actor, "clients.rename"), addSite: mayCall(actor, "sites.create") };
  const canCreate = mayCall(actor, "clients.create");
  return (
    <section>
      <PageHeader title="Clients" description="The customers whose devices this server manages, and their sites. Every device belongs to one site; new devices land in the site of their enrollment token, else in the default site." />
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <ClientsList clients={clients} may={may} />
        <div className="space-y-5">
          {canCreate ? <CreateClientForm /> : null}
          {canMove ? (
            <MoveDevicesForm devices={agents.map((agent) => ({ agentId: agent.agentId, name: agent.name, client: agent.client.name, site: agent.site.name }))} clients={tenantOptions(clients)} />
          ) : (
            <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-xs text-slate-500">Moving devices between sites needs the operator role.</p>
          )}
        </div>
      </div>
    </section>
  );
}
