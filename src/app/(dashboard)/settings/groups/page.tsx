/** Device groups: how many devices each holds, creating groups, and moving devices between them. */
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { mayCall } from "@/server/auth/permissions";
import { DEFAULT_GROUP } from "@/server/contracts/groups";
import { requireSession } from "@/lib/session";
import { AssignGroupForm } from "./assign-group-form";
import { CreateGroupForm } from "./create-group-form";
import { GroupsTable, type GroupRow } from "./groups-table";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage() {
  const { actor, caller } = await requireSession();
  const [groups, { items: agents }] = await Promise.all([caller.groups.list(), caller.agents.list()]);
  // groups.list has no counts; the device list is already needed for the assign form.
  const rows: GroupRow[] = groups.map((name) => {
    const members = agents.filter((agent) => agent.group === name);
    return { name, devices: members.length, online: members.filter((agent) => agent.online).length };
  });
  const canAssign = mayCall(actor, "groups.assign");
  return (
    <section>
      <PageHeader title="Groups" description={`Groups organise devices; every device belongs to exactly one. New devices start in ${DEFAULT_GROUP}.`} />
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <GroupsTable rows={rows} />
        <div className="space-y-5">
          <CreateGroupForm existing={groups} />
          {canAssign ? (
            <AssignGroupForm devices={agents.map(({ agentId, name, group }) => ({ agentId, name, group }))} groups={groups} />
          ) : (
            <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-xs text-slate-500">Moving devices between groups needs the operator role.</p>
          )}
        </div>
      </div>
    </section>
  );
}
