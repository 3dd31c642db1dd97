/** A device's checks with their latest outcome, and, for operators, a form to add one. */
import type { Metadata } from "next";
import { shownName } from "@/lib/device-facts";
import { mayCall } from "@/server/auth/permissions";
import { CheckTable, type CheckRowView } from "../check-table";
import { CreateCheckForm } from "../create-check-form";
import { loadDevice, type DeviceParams } from "../load-device";

export async function generateMetadata({ params }: { params: DeviceParams }): Promise<Metadata> {
  const { agent } = await loadDevice((await params).agentId);
  return { title: `Checks · ${shownName(agent)}` };
}

export default async function DeviceChecksPage({ params }: { params: DeviceParams }) {
  const { actor, caller, agent } = await loadDevice((await params).agentId);
  const canCreate = mayCall(actor, "checks.create");
  const [checks, alertProfiles] = await Promise.all([caller.checks.list({ agentId: agent.agentId }), canCreate ? caller.monitoring.alertProfiles() : Promise.resolve([])]);
  const rows: CheckRowView[] = checks.map((check) => ({ id: check.id, name: check.name, checkType: check.checkType, status: check.status, moreInfo: check.moreInfo, lastRun: check.lastRun?.toISOString() ?? null }));
  return (
    <div className="space-y-4">
      <CheckTable rows={rows} deviceName={shownName(agent)} canDelete={mayCall(actor, "checks.delete")} />
      {canCreate ? <CreateCheckForm agentId={agent.agentId} alertProfiles={alertProfiles.map((profile) => ({ id: profile.id, name: profile.name }))} /> : null}
    </div>
  );
}
