/**
 * One device: status (live), what it is, where it belongs, its current load and its processes.
 * Server-rendered; LiveUpdates re-renders it when the agent comes or goes, and every 30 s for
 * fresh load figures.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Alert } from "@/components/alert";
import { LiveUpdates } from "@/components/live-updates";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { tenantOptions } from "@/components/tenant-options";
import { latestLoad } from "@/lib/device-load";
import { requireSession } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { AgentCard, SystemCard } from "./device-facts";
import { DeviceSummary } from "./device-summary";
import { LoadCard } from "./load-card";
import { PlacementCard } from "./placement-card";
import { ProcessPanel } from "./process-panel";
import { RemoveDeviceButton } from "./remove-device-button";

type Params = Promise<{ agentId: string }>;

const LOAD_POLL_MS = 30_000;

/**
 * Compares both spellings: whether the segment arrives percent-decoded is Next's business.
 * Cached per request because the metadata and the page both need the same agent.
 */
const loadDevice = cache(async (segment: string) => {
  const { actor, caller } = await requireSession();
  const { items: agents } = await caller.agents.list();
  const agent = agents.find((candidate) => candidate.agentId === segment || encodeURIComponent(candidate.agentId) === segment) ?? notFound();
  return { actor, caller, agent };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { agent } = await loadDevice((await params).agentId);
  return { title: agent.name };
}

export default async function DevicePage({ params }: { params: Params }) {
  const { actor, caller, agent } = await loadDevice((await params).agentId);
  const canPlace = mayCall(actor, "agents.moveToSite");
  const [{ snapshot }, clients] = await Promise.all([caller.processes.data({ agentId: agent.agentId }), canPlace ? caller.clients.list().then((page) => tenantOptions(page.items)) : []]);
  return (
    <section>
      <nav aria-label="Breadcrumb" className="mb-2 text-[13px] text-slate-500">
        <Link href="/devices" className="hover:text-slate-900 hover:underline">
          Devices
        </Link>
        <span className="mx-1.5 text-slate-300">/</span>
        <span className="text-slate-700">{agent.name}</span>
      </nav>
      <PageHeader title={agent.name} description={<DeviceSummary agent={agent} />} actions={
          <div className="flex items-center gap-3">
            <LiveUpdates agentId={agent.agentId} pollMs={agent.online ? LOAD_POLL_MS : undefined} />
            {mayCall(actor, "agents.remove") ? <RemoveDeviceButton agentId={agent.agentId} deviceName={agent.name} /> : null}
          </div>
        } />
      {agent.online ? null : (
        <div className="mb-4">
          <Alert tone="info">
            This device is offline (last seen <RelativeTime iso={agent.lastSeen} never="never" />
            ). The figures below are the last ones it reported; refreshing processes and ending them are possible again once the agent reconnects.
          </Alert>
        </div>
      )}
      <div className="grid items-start gap-4 lg:grid-cols-2 xl:grid-cols-3">
        <LoadCard load={latestLoad(agent.metrics, snapshot)} memoryBytes={agent.specs?.memoryBytes} online={agent.online} />
        <SystemCard agent={agent} />
        <AgentCard agent={agent} canSetRing={mayCall(actor, "agents.setUpdateRing")} />
        <PlacementCard agent={agent} clients={clients} canChange={canPlace} />
      </div>
      <ProcessPanel agentId={agent.agentId} deviceName={agent.name} online={agent.online} canEnd={mayCall(actor, "processes.kill")} initialSnapshot={snapshot} />
    </section>
  );
}
