/**
 * Every section of one device: its name (display name and host name), live status line, the
 * offline notice and the tab bar; the sections render below. LiveUpdates re-renders it when the
 * agent comes or goes, and every 30 s for fresh load figures.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/alert";
import { LiveUpdates } from "@/components/live-updates";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { shownName } from "@/lib/device-facts";
import { mayCall } from "@/server/auth/permissions";
import { DeviceSummary } from "./device-summary";
import { DeviceTabs } from "./device-tabs";
import { loadDevice, type DeviceParams } from "./load-device";
import { PowerActions } from "./power-actions";
import { RemoveDeviceButton } from "./remove-device-button";

const LOAD_POLL_MS = 30_000;

export default async function DeviceLayout({ params, children }: { params: DeviceParams; children: ReactNode }) {
  const { actor, agent } = await loadDevice((await params).agentId);
  const name = shownName(agent);
  return (
    <section>
      <nav aria-label="Breadcrumb" className="mb-2 text-[13px] text-slate-500">
        <Link href="/devices" className="hover:text-slate-900 hover:underline">
          Devices
        </Link>
        <span className="mx-1.5 text-slate-300">/</span>
        <span className="text-slate-700">{name}</span>
      </nav>
      <PageHeader
        title={
          <>
            {name}
            {agent.displayName ? <span className="ml-2 font-mono text-sm font-normal text-slate-500">{agent.name}</span> : null}
          </>
        }
        description={<DeviceSummary agent={agent} />}
        actions={
          <div className="flex items-center gap-3">
            <LiveUpdates agentId={agent.agentId} pollMs={agent.online ? LOAD_POLL_MS : undefined} />
            {agent.online && mayCall(actor, "agents.invokeAction") ? <PowerActions agentId={agent.agentId} deviceName={name} /> : null}
            {mayCall(actor, "agents.remove") ? <RemoveDeviceButton agentId={agent.agentId} deviceName={name} /> : null}
          </div>
        }
      />
      {agent.online ? null : (
        <div className="mb-4">
          <Alert tone="info">
            This device is offline (last seen <RelativeTime iso={agent.lastSeen} never="never" />
            ). The figures shown are the last ones it reported; refreshing processes, ending them and power actions are possible again once the agent reconnects.
          </Alert>
        </div>
      )}
      <DeviceTabs agentId={agent.agentId} chatUnread={agent.chatUnread} hidden={mayCall(actor, "files.list") ? [] : ["files"]} />
      {children}
    </section>
  );
}
