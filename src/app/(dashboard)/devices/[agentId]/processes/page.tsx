/** A device's processes: the last snapshot, refreshed on request, with ending a process for operators. */
import type { Metadata } from "next";
import { shownName } from "@/lib/device-facts";
import { mayCall } from "@/server/auth/permissions";
import { loadDevice, type DeviceParams } from "../load-device";
import { ProcessPanel } from "../process-panel";

export async function generateMetadata({ params }: { params: DeviceParams }): Promise<Metadata> {
  const { agent } = await loadDevice((await params).agentId);
  return { title: `Processes · ${shownName(agent)}` };
}

export default async function DeviceProcessesPage({ params }: { params: DeviceParams }) {
  const { actor, caller, agent } = await loadDevice((await params).agentId);
  const { snapshot } = await caller.processes.data({ agentId: agent.agentId });
  return <ProcessPanel agentId={agent.agentId} deviceName={shownName(agent)} online={agent.online} canEnd={mayCall(actor, "processes.kill")} initialSnapshot={snapshot} />;
}
