"use client";
/**
 * Clients and their sites with device counts; each count links to the device list filtered to it.
 * Admins rename clients and sites and add sites here.
 */
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import type { ClientSummary } from "@/server/contracts/tenancy";
import { AddSiteForm } from "./add-site-form";
import { RenameDialog, type RenameTarget } from "./rename-dialog";

const devicesOf = (clientId: number, siteId?: number) => `/devices?client=${clientId}${siteId === undefined ? "" : `&site=${siteId}`}`;
const count = (n: number) => `${n} ${n === 1 ? "device" : "devices"}`;

type Permissions = { rename: boolean; addSite: boolean };

function ClientSection({ client, may, onRename }: { client: ClientSummary; may: Permissions; onRename: (target: RenameTarget) => void }) {
  return (
    <section aria-label={`Client ${client.name}`} data-client={client.name} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-2.5">
        <div className="flex items-baseline gap-3">
          <h2 className="text-[13px] font-semibold text-slate-900">{client.name}</h2>
          <Link href={devicesOf(client.id)} className="text-xs text-sky-700 hover:underline">
            {count(client.agentCount)}
          </Link>
        </div>
        {may.rename ? (
          <Button variant="ghost" size="xs" aria-label={`Rename client ${client.name}`} onClick={() => onRename({ kind: "client", clientId: client.id, name: client.name })}>
            Rename
          </Button>
        ) : null}
      </header>
      <table className="w-full text-[13px]">
        <thead className="sr-only">
          <tr>
            <th>Site</th>
            <th>Devices</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {client.sites.map((site) => (
            <tr key={site.id} className="border-b border-slate-100 last:border-0">
              <td className="px-4 py-1.5">
                <span className="flex items-center gap-2">
                  {site.name}
                  {site.isDefault ? <Badge tone="info">default</Badge> : null}
                </span>
              </td>
              <td className="w-32 px-4 py-1.5 tabular-nums">
                <Link href={devicesOf(client.id, site.id)} className="text-sky-700 hover:underline">
                  {count(site.agentCount)}
                </Link>
              </td>
              <td className="w-24 px-4 py-1 text-right">
                {may.rename ? (
                  <Button variant="ghost" size="xs" aria-label={`Rename site ${site.name} of ${client.name}`} onClick={() => onRename({ kind: "site", siteId: site.id, name: site.name, clientName: client.name })}>
                    Rename
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {may.addSite ? (
        <div className="border-t border-slate-100 px-4 py-2.5">
          <AddSiteForm clientId={client.id} clientName={client.name} />
        </div>
      ) : null}
    </section>
  );
}

export function ClientsList({ clients, may }: { clients: ClientSummary[]; may: Permissions }) {
  const [renaming, setRenaming] = useState<RenameTarget | null>(null);
  return (
    <div className="space-y-4">
      {clients.map((client) => (
        <ClientSection key={client.id} client={client} may={may} onRename={setRenaming} />
      ))}
      {renaming ? <RenameDialog key={JSON.stringify(renaming)} target={renaming} onClose={() => setRenaming(null)} /> : null}
    </div>
  );
}
