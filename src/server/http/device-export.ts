/**
 * The device list as CSV: every device matching the list's filters (not only the page on screen),
 * in the list's order, read page by page through `agents.list` so the caller's role and clients
 * apply exactly as on screen, and streamed so 10,000 devices never sit in memory as one string.
 */
import { csvLine, type CsvCell } from "@/lib/csv";
import { diskUsePercent } from "@/lib/device-facts";
import { listInputOf, type DeviceListParams } from "@/lib/device-list-params";
import { MAX_PAGE_SIZE } from "../contracts/paging";
import type { AgentPage, AgentRecord, ListAgentsInput } from "../contracts/agents";

const COLUMNS: [header: string, value: (agent: AgentRecord) => CsvCell][] = [
  ["Name", (agent) => agent.displayName ?? agent.name],
  ["Hostname", (agent) => agent.name],
  ["Status", (agent) => agent.status],
  ["Client", (agent) => agent.client.name],
  ["Site", (agent) => agent.site.name],
  ["Group", (agent) => agent.group],
  ["Tags", (agent) => agent.tags.join("; ")],
  ["Local IP addresses", (agent) => agent.localAddresses.join(" ")],
  ["Public IP address", (agent) => agent.remoteAddress],
  ["OS", (agent) => agent.os],
  ["Platform", (agent) => agent.platform],
  ["Logged-in user", (agent) => agent.loggedInUser],
  ["Agent version", (agent) => agent.agentVersion],
  ["Last seen", (agent) => agent.lastSeen],
  ["Last boot", (agent) => agent.bootTime],
  ["Disk used %", (agent) => roundOrNull(diskUsePercent(agent.specs))],
  ["Reboot pending", (agent) => agent.rebootPending],
  ["Agent id", (agent) => agent.agentId],
];

function roundOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

export type ListAgents = (input: ListAgentsInput) => Promise<AgentPage>;

/** The CSV lines: a header, then one line per matching device. */
export async function* deviceCsvLines(list: ListAgents, params: DeviceListParams): AsyncGenerator<string> {
  yield csvLine(COLUMNS.map(([header]) => header));
  for (let page = 1; ; page += 1) {
    const result = await list(listInputOf(params, { page, perPage: MAX_PAGE_SIZE }));
    for (const agent of result.items) yield csvLine(COLUMNS.map(([, value]) => value(agent)));
    if (page >= result.pages) return;
  }
}

export function deviceCsvResponse(list: ListAgents, params: DeviceListParams, now: Date): Response {
  const lines = deviceCsvLines(list, params);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const stamp = now.toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="devices-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
