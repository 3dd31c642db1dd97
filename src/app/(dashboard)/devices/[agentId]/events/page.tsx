/** A device's OS event log (journald or the kernel ring buffer, Windows System and Application logs), asked of the agent per level, and its crash history. */
import type { Metadata } from "next";
import { shownName } from "@/lib/device-facts";
import { loadDevice, type DeviceParams } from "../load-device";
import { CrashHistory } from "../crash-history";
import { EventPanel } from "../event-panel";

export async function generateMetadata({ params }: { params: DeviceParams }): Promise<Metadata> {
  const { agent } = await loadDevice((await params).agentId);
  return { title: `Events · ${shownName(agent)}` };
}

export default async function DeviceEventsPage({ params }: { params: DeviceParams }) {
  const { agent } = await loadDevice((await params).agentId);
  return (
    <>
      <EventPanel agentId={agent.agentId} deviceName={shownName(agent)} online={agent.online} />
      <CrashHistory agentId={agent.agentId} deviceName={shownName(agent)} online={agent.online} />
    </>
  );
}
