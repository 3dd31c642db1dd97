/** A device's overview: its current load and its history, what it is, how it is reached, and where it belongs. */
import type { Metadata } from "next";
import { tenantOptions } from "@/components/tenant-options";
import { latestLoad } from "@/lib/device-load";
import { shownName } from "@/lib/device-facts";
import { mayCall } from "@/server/auth/permissions";
import { AgentCard, NetworkCard, SystemCard } from "./device-facts";
import { loadDevice, type DeviceParams } from "./load-device";
import { LoadCard } from "./load-card";
import { MetricCharts } from "./metric-charts";
import { PlacementCard } from "./placement-card";

export async function generateMetadata({ params }: { params: DeviceParams }): Promise<Metadata> {
  const { agent } = await loadDevice((await params).agentId);
  return { title: shownName(agent) };
}

export default async function DeviceOverviewPage({ params }: { params: DeviceParams }) {
  const { actor, caller, agent } = await loadDevice((await params).agentId);
  const canPlace = mayCall(actor, "agents.moveToSite");
  const [{ snapshot }, clients] = await Promise.all([caller.processes.data({ agentId: agent.agentId }), canPlace ? caller.clients.list().then((page) => tenantOptions(page.items)) : []]);
  return (
    <div className="grid items-start gap-4 lg:grid-cols-2 xl:grid-cols-3">
      <div className="lg:col-span-2 xl:col-span-3">
        <MetricCharts agentId={agent.agentId} />
      </div>
      <LoadCard load={latestLoad(agent.metrics, snapshot)} memoryBytes={agent.specs?.memoryBytes} online={agent.online} />
      <NetworkCard agent={agent} canRename={mayCall(actor, "agents.rename")} />
      <SystemCard agent={agent} />
      <AgentCard agent={agent} canSetRing={mayCall(actor, "agents.setUpdateRing")} />
      <PlacementCard agent={agent} clients={clients} canChange={canPlace} />
    </div>
  );
}
