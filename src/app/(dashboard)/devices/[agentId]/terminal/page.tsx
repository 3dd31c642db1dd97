/** A device's remote shell in the browser, for operators (viewers are told why they cannot open one). */
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { shownName } from "@/lib/device-facts";
import { mayCall } from "@/server/auth/permissions";
import { loadDevice, type DeviceParams } from "../load-device";
import { TerminalPanel } from "../terminal-panel";

export async function generateMetadata({ params }: { params: DeviceParams }): Promise<Metadata> {
  const { agent } = await loadDevice((await params).agentId);
  return { title: `Terminal · ${shownName(agent)}` };
}

export default async function DeviceTerminalPage({ params }: { params: DeviceParams }) {
  const { actor, agent } = await loadDevice((await params).agentId);
  if (!mayCall(actor, "shell.open")) {
    return (
      <EmptyState title="The terminal needs the operator role">
        A shell runs commands on {shownName(agent)} with the agent&apos;s rights, so viewers cannot open one. Ask an administrator for the operator role.
      </EmptyState>
    );
  }
  return <TerminalPanel agentId={agent.agentId} deviceName={shownName(agent)} online={agent.online} />;
}
