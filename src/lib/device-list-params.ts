/**
 * The device list's state as it lives in the address bar: search, filters, sort and page
 * (`?q=&status=&client=&site=&group=&tag=&sort=&order=&page=&per=`). One schema read by the page
 * (to ask `agents.list` for that page), by the table (to change one part and navigate) and by the
 * CSV export (same filters), so a link or a reload shows exactly the same list. A value that does
 * not parse is dropped rather than refused: a stale or hand-edited link still opens the list.
 */
import { z } from "zod";
import { AGENT_SORT_FIELDS, AGENT_STATUSES, type ListAgentsInput } from "@/server/contracts/agents";

export const PAGE_SIZES = [50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const optionalId = z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined);

export const deviceListParams = z.object({
  q: optionalText(200),
  status: z.enum(AGENT_STATUSES).optional().catch(undefined),
  client: optionalId,
  site: optionalId,
  group: optionalText(64),
  tag: optionalText(64),
  sort: z.enum(AGENT_SORT_FIELDS).default("name").catch("name"),
  order: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
  per: z.coerce
    .number()
    .refine((value): value is PageSize => (PAGE_SIZES as readonly number[]).includes(value))
    .default(50)
    .catch(50),
});
export type DeviceListParams = z.infer<typeof deviceListParams>;

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** Reads Next's `searchParams` (or a URLSearchParams); for a repeated key the first value counts. */
export function parseDeviceListParams(raw: RawParams): DeviceListParams {
  const entries = raw instanceof URLSearchParams ? [...raw.keys()].map((key) => [key, raw.get(key)] as const) : Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value] as const);
  return deviceListParams.parse(Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== "")));
}

const DEFAULTS = deviceListParams.parse({});

/** The query string for these params, defaults left out so plain links stay plain ("" for none). */
export function deviceListSearch(params: DeviceListParams): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(deviceListParams.shape) as (keyof DeviceListParams)[]) {
    const value = params[key];
    if (value !== undefined && value !== DEFAULTS[key]) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * The params after a change. Any change but paging goes back to page 1 (the old page may not
 * exist any more); choosing a client forgets a site of another client.
 */
export function withDeviceListChange(params: DeviceListParams, change: Partial<DeviceListParams>): DeviceListParams {
  const next = { ...params, ...change };
  if (!("page" in change)) next.page = 1;
  if ("client" in change && !("site" in change)) next.site = undefined;
  return next;
}

/** What `agents.list` is asked for: the filters of the URL, one page of it. */
export function listInputOf(params: DeviceListParams, page: { page: number; perPage: number } = { page: params.page, perPage: params.per }): ListAgentsInput {
  return {
    search: params.q,
    status: params.status,
    clientId: params.client,
    siteId: params.site,
    group: params.group,
    tag: params.tag,
    sortBy: params.sort,
    sortOrder: params.order,
    ...page,
  };
}

/** True when any filter narrows the list (paging and sort do not). */
export function isFiltered(params: DeviceListParams): boolean {
  return [params.q, params.status, params.client, params.site, params.group, params.tag].some((value) => value !== undefined);
}
