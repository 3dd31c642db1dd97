/** A device's OS services, asked of the agent when the tab opens, with start/stop/restart for operators. */
import type { Metadata } from "next";
import { shownName } from "@/lib/device-facts";
import { mayCall } from "@/server/auth/permissions";
import { loadDevice, type DeviceParams } from "../load-device";
import { ServicePanel } from "../service-panel";

export async function generateMetadata({ params }: { params: DeviceParams }): Promise<Metadata> {
  const { agent } = await loadDevice((await params).agentId);
  return { title: `Services · ${shownName(agent)}` };
}

export default async function DeviceServicesPage({ params }: { params: DeviceParams }) {
  const { actor, agent } = await loadDevice((await params).agentId);
  return <ServicePanel agentId={agent.agentId} deviceName={shownName(agent)} online={agent.online} canManage={mayCall(actor, "services.manage")} />;
}
