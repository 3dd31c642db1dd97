/** A device's chat with its user: the conversation, live, and a composer for operators. */
import type { Metadata } from "next";
import { shownName } from "@/lib/device-facts";
import { mayCall } from "@/server/auth/permissions";
import { ChatPanel } from "../chat-panel";
import { loadDevice, type DeviceParams } from "../load-device";

export async function generateMetadata({ params }: { params: DeviceParams }): Promise<Metadata> {
  const { agent } = await loadDevice((await params).agentId);
  return { title: `Chat · ${shownName(agent)}` };
}

export default async function DeviceChatPage({ params }: { params: DeviceParams }) {
  const { actor, agent } = await loadDevice((await params).agentId);
  return <ChatPanel agentId={agent.agentId} deviceName={shownName(agent)} online={agent.online} canSend={mayCall(actor, "chat.send")} unread={agent.chatUnread} />;
}
