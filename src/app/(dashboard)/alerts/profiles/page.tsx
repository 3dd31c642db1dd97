/** Monitoring profiles (at /alerts/profiles: /monitoring belongs to specification 000's API): threshold rules on CPU, memory, disk and network, and where they apply. */
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { MAX_PAGE_SIZE } from "@/server/contracts/paging";
import { CreateProfileForm } from "./create-profile-form";
import { ProfileList } from "./profile-list";

export const metadata: Metadata = { title: "Monitoring" };

export default async function MonitoringPage() {
  const { caller, actor } = await requirePermission("monitoring.profiles");
  const [profiles, groups, devices, counts, alertProfiles] = await Promise.all([
    caller.monitoring.profiles(),
    caller.groups.list(),
    caller.agents.list({ sortBy: "name", sortOrder: "asc", page: 1, perPage: MAX_PAGE_SIZE }),
    caller.alerts.counts(),
    caller.monitoring.alertProfiles(),
  ]);
  const agents = devices.items.map((agent) => ({ id: agent.agentId, name: agent.displayName ?? agent.name }));
  const canEdit = mayCall(actor, "monitoring.createProfile");
  return (
    <section className="space-y-5">
      <PageHeader
        title="Monitoring"
        description={`Profiles compare each device's average over a window with a threshold and raise an alert when it is crossed. ${counts.open} active ${counts.open === 1 ? "alert" : "alerts"}.`}
      />
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <ProfileList profiles={profiles} agents={agents} groups={groups} canEdit={canEdit} />
        {canEdit ? <CreateProfileForm alertProfiles={alertProfiles} /> : null}
      </div>
    </section>
  );
}
