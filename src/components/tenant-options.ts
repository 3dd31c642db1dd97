/** What forms need to offer clients and sites: names and ids, nothing else. */
import type { ClientSummary } from "@/server/contracts/tenancy";

export type TenantOption = { id: number; name: string; sites: { id: number; name: string; isDefault: boolean }[] };

export function tenantOptions(clients: ClientSummary[]): TenantOption[] {
  return clients.map(({ id, name, sites }) => ({ id, name, sites: sites.map((site) => ({ id: site.id, name: site.name, isDefault: site.isDefault })) }));
}

/** "All clients", or the names of the clients a restriction names (ids the viewer cannot see are counted). */
export function restrictionLabel(clientIds: number[] | null, clients: { id: number; name: string }[]): string {
  if (clientIds === null) return "All clients";
  if (clientIds.length === 0) return "No clients";
  const names = clients.filter((client) => clientIds.includes(client.id)).map((client) => client.name);
  const hidden = clientIds.length - names.length;
  return [...names, ...(hidden > 0 ? [`${hidden} other${hidden === 1 ? "" : "s"}`] : [])].join(", ");
}
