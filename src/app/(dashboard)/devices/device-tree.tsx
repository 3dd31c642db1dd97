/**
 * Clients and their sites beside the device list, with how many devices each holds; a click
 * narrows the list (through the address, keeping the other filters).
 */
import Link from "next/link";
import { deviceListSearch, withDeviceListChange, type DeviceListParams } from "@/lib/device-list-params";
import type { ClientSummary } from "@/server/contracts/tenancy";

function TreeLink({ href, active, label, count, indent = false }: { href: string; active: boolean; label: string; count: number; indent?: boolean }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`flex items-center justify-between gap-2 rounded px-2 py-1 text-[13px] ${indent ? "pl-5" : "font-medium"} ${active ? "bg-sky-100 text-sky-900" : "text-slate-700 hover:bg-slate-100"}`}
    >
      <span className="truncate">{label}</span>
      <span className="text-xs text-slate-500 tabular-nums">{count.toLocaleString("en")}</span>
    </Link>
  );
}

export function DeviceTree({ clients, params }: { clients: ClientSummary[]; params: DeviceListParams }) {
  const href = (client?: number, site?: number) => `/devices${deviceListSearch(withDeviceListChange(params, { client, site }))}`;
  const total = clients.reduce((sum, client) => sum + client.agentCount, 0);
  return (
    <nav aria-label="Clients and sites" className="w-56 shrink-0 self-start rounded-lg border border-slate-200 bg-white p-2 shadow-sm">
      <TreeLink href={href()} active={params.client === undefined && params.site === undefined} label="All devices" count={total} />
      <ul className="mt-1 space-y-0.5">
        {clients.map((client) => (
          <li key={client.id}>
            <TreeLink href={href(client.id)} active={params.client === client.id && params.site === undefined} label={client.name} count={client.agentCount} />
            {client.sites.length > 1 || params.client === client.id ? (
              <ul>
                {client.sites.map((site) => (
                  <li key={site.id}>
                    <TreeLink href={href(client.id, site.id)} active={params.site === site.id} label={site.name} count={site.agentCount} indent />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </nav>
  );
}
