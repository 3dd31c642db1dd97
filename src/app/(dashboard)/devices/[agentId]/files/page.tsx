/** A device's files: browse, download and upload, for operators (reading files off an endpoint is not a viewer's right). */
import type { Metadata } from "next";
import { shownName } from "@/lib/device-facts";
import { requirePermission } from "@/lib/session";
import { FilePanel } from "../file-panel";
import { loadDevice, type DeviceParams } from "../load-device";

export async function generateMetadata({ params }: { params: DeviceParams }): Promise<Metadata> {
  const { agent } = await loadDevice((await params).agentId);
  return { title: `Files · ${shownName(agent)}` };
}

export default async function DeviceFilesPage({ params }: { params: DeviceParams }) {
  await requirePermission("files.list");
  const { agent } = await loadDevice((await params).agentId);
  return <FilePanel agentId={agent.agentId} deviceName={shownName(agent)} online={agent.online} />;
}
