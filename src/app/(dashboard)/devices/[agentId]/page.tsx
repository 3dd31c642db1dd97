/**
 * One device: status (live), what it is, its current load and its processes. Server-rendered;
 * LiveUpdates re-renders it when the agent comes or goes, and every 30 s for fresh load figures.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Alert } from "@/components/alert";
import { LiveUpdates } from "@/components/live-updates";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { latestLoad } from "@/lib/device-load";
import { requireSession } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { AgentCard, SystemCard } from "./device-facts";
import { DeviceSummary } from "./device-summary";
import { LoadCard } from "./load-card";
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
  const { items: clients } = await caller.agents.list();
  const client = clients.find((candidate) => candidate.agentId === segment || encodeURIComponent(candidate.agentId) === segment) ?? notFound();
  return { actor, caller, client };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { client } = await loadDevice((await params).agentId);
  return { title: client.name };
}

export default async function DevicePage({ params }: { params: Params }) {
  const { actor, caller, client } = await loadDevice((await params).agentId);
  const { snapshot } = await caller.processes.data({ agentId: client.agentId });
  return (
    <section>
      <nav aria-label="Breadcrumb" className="mb-2 text-[13px] text-slate-500">
        <Link href="/devices" className="hover:text-slate-900 hover:underline">
          Devices
        </Link>
        <span className="mx-1.5 text-slate-300">/</span>
        <span className="text-slate-700">{client.name}</span>
      </nav>
      <PageHeader title={client.name} description={<DeviceSummary client={client} />} actions={
          <div className="flex items-center gap-3">
            <LiveUpdates agentId={client.agentId} pollMs={client.online ? LOAD_POLL_MS : undefined} />
            {mayCall(actor, "agents.remove") ? <RemoveDeviceButton agentId={client.agentId} deviceName={client.name} /> : null}
          </div>
        } />
      {client.online ? null : (
        <div className="mb-4">
          <Alert tone="info">
            This device is offline (last seen <RelativeTime iso={client.lastSeen} never="never" />
            ). The figures below are the last ones it reported; refreshing processes and ending them are possible again once the agent reconnects.
          </Alert>
        </div>
      )}
      <div className="grid items-start gap-4 lg:grid-cols-2 xl:grid-cols-3">
        <LoadCard load={latestLoad(client.metrics, snapshot)} memoryBytes={client.specs?.memoryBytes} online={client.online} />
        <SystemCard client={client} />
        <AgentCard client={client} canSetRing={mayCall(actor, "agents.setUpdateRing")} />
      </div>
      <ProcessPanel agentId={client.agentId} deviceName={client.name} online={client.online} canEnd={mayCall(actor, "processes.kill")} initialSnapshot={snapshot} />
    </section>
  );
}
