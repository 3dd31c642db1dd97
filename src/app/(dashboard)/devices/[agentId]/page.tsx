/**
 * One device. For now the fields the agent list already carries; live details and actions
 * (processes, services, shell, ...) arrive with their own issues.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { requireSession } from "@/lib/session";
import { DeviceFacts } from "./device-facts";

type Params = Promise<{ agentId: string }>;

/**
 * Compares both spellings: whether the segment arrives percent-decoded is Next's business.
 * Cached per request because the metadata and the page both need the same agent.
 */
const findClient = cache(async (segment: string) => {
  const { caller } = await requireSession();
  const clients = await caller.clients.list();
  return clients.find((client) => client.agentId === segment || encodeURIComponent(client.agentId) === segment) ?? notFound();
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const client = await findClient((await params).agentId);
  return { title: client.name };
}

export default async function DevicePage({ params }: { params: Params }) {
  const client = await findClient((await params).agentId);
  return (
    <section>
      <nav aria-label="Breadcrumb" className="mb-2 text-[13px] text-slate-500">
        <Link href="/devices" className="hover:text-slate-900 hover:underline">
          Devices
        </Link>
        <span className="mx-1.5 text-slate-300">/</span>
        <span className="text-slate-700">{client.name}</span>
      </nav>
      <PageHeader
        title={client.name}
        description={
          <span className="inline-flex items-center gap-2">
            <StatusBadge online={client.online} />
            <span>
              Last seen <RelativeTime iso={client.lastSeen} never="never" />
            </span>
          </span>
        }
      />
      <DeviceFacts client={client} />
    </section>
  );
}
