/**
 * The device list with a large fleet: seeds agents spread over clients, sites, groups and tags
 * (a share online, with addresses and disks, as real agents report them) and times the list
 * service the devices page calls, for the first page, a filter, a sort, a search and a deep page.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "../src/server/db/client";
import { agents } from "../src/server/db/schema";
import { listAgents } from "../src/server/services/agents";
import { createClient, createSite } from "../src/server/services/clients";
import { createServiceContext } from "../src/server/services/service-context";
import type { ListAgentsInput } from "../src/server/contracts/agents";
import { percentile } from "./stats";

const CLIENTS = 25;
const SITES_PER_CLIENT = 3;
const GROUPS = ["Workstations", "Servers", "Kiosks", "Laptops", "Ungrouped"];
const TAGS = ["finance", "reception", "patch-ring-1", "patch-ring-2", "vip", "legacy"];
const INSERT_CHUNK = 2_000;

export type DeviceListCase = { name: string; rows: number; total: number; p50Ms: number; p99Ms: number };

/** An admin who sees every client; the benchmark sends no commands. */
function benchContext(db: Db) {
  const actor = { userId: 0, username: "bench", role: "admin" as const, via: "session" as const, clientIds: null };
  return createServiceContext({ db, actor, clientIp: "127.0.0.1", waiters: () => { throw new Error("the device list benchmark sends no commands"); } });
}

/** Seeds `count` agents; answers one client and one site id to filter by. */
async function seedFleet(db: Db, count: number): Promise<{ clientId: number; siteId: number }> {
  const ctx = benchContext(db);
  const siteIds: number[] = [];
  let firstClient = 0;
  for (let c = 0; c < CLIENTS; c += 1) {
    const client = await createClient(ctx, { name: `Client ${String(c).padStart(2, "0")}`, siteName: "Main" });
    if (c === 0) firstClient = client.id;
    siteIds.push(client.sites[0]!.id);
    for (let s = 1; s < SITES_PER_CLIENT; s += 1) siteIds.push((await createSite(ctx, { clientId: client.id, name: `Branch ${s}` })).id);
  }
  const now = Date.now();
  for (let start = 0; start < count; start += INSERT_CHUNK) {
    const rows = Array.from({ length: Math.min(INSERT_CHUNK, count - start) }, (_, offset) => {
      const i = start + offset;
      const online = i % 5 !== 0;
      return {
        id: `list-${String(i).padStart(6, "0")}`,
        name: `${i % 3 === 0 ? "SRV" : "WS"}-${randomBytes(3).toString("hex").toUpperCase()}-${i}`,
        siteId: siteIds[i % siteIds.length]!,
        groupName: GROUPS[i % GROUPS.length]!,
        tags: [TAGS[i % TAGS.length]!, ...(i % 7 === 0 ? [TAGS[(i + 1) % TAGS.length]!] : [])],
        os: i % 3 === 0 ? "Windows Server 2022 Standard" : "Windows 11 Pro 23H2",
        platform: "win32",
        agentVersion: "1.4.2",
        status: online ? ("online" as const) : ("offline" as const),
        lastSeen: new Date(now - (online ? 0 : i * 60_000)),
        bootTime: new Date(now - i * 3_600_000),
        localAddresses: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
        remoteAddress: "203.0.113.10",
        specs: { cpu: { model: "Bench CPU", cores: 8 }, memoryBytes: 16 * 1024 ** 3, disks: [{ mount: "C:", totalBytes: 512e9, freeBytes: (i % 100) * 5e9 }] },
        metrics: { at: new Date(now).toISOString(), cpuPercent: i % 100, memoryPercent: (i * 7) % 100, diskPercent: i % 100, network: { rxBytesPerSec: 0, txBytesPerSec: 0 } },
        secretHash: "bench",
      };
    });
    await db.insert(agents).values(rows);
  }
  return { clientId: firstClient, siteId: siteIds[1]! };
}

async function time(db: Db, input: ListAgentsInput, iterations: number): Promise<{ samples: number[]; rows: number; total: number }> {
  const ctx = benchContext(db);
  const samples: number[] = [];
  let last = { items: [] as unknown[], total: 0 };
  for (let i = 0; i < iterations + 3; i += 1) {
    const started = performance.now();
    last = await listAgents(ctx, input);
    // The first runs warm caches and plans; they are not counted.
    if (i >= 3) samples.push(performance.now() - started);
  }
  return { samples, rows: last.items.length, total: last.total };
}

export async function measureDeviceList(db: Db, count: number, iterations = 30): Promise<DeviceListCase[]> {
  const { clientId, siteId } = await seedFleet(db, count);
  await db.execute("analyze agents");
  const page = { sortBy: "name", sortOrder: "asc", page: 1, perPage: 50 } as const;
  const cases: [string, ListAgentsInput][] = [
    ["first page, by name", page],
    ["first page, 200 rows", { ...page, perPage: 200 }],
    ["last page, by name", { ...page, page: Math.ceil(count / 50) }],
    ["online only", { ...page, status: "online" }],
    ["one client", { ...page, clientId }],
    ["one site", { ...page, siteId }],
    ["one tag", { ...page, tag: "vip" }],
    ["sorted by last seen, desc", { ...page, sortBy: "lastSeen", sortOrder: "desc" }],
    ["sorted by client", { ...page, sortBy: "client" }],
    ["search 'SRV-A'", { ...page, search: "SRV-A" }],
    ["search an address", { ...page, search: "10.0.1." }],
  ];
  const results: DeviceListCase[] = [];
  for (const [name, input] of cases) {
    const { samples, rows, total } = await time(db, input, iterations);
    results.push({ name, rows, total, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) });
  }
  return results;
}

export function deviceListTable(count: number, results: DeviceListCase[]): string {
  const lines = [`${count.toLocaleString("en")} agents; \`agents.list\` as the devices page calls it (page of 50 unless said).`, "", "| Query | Rows | Matching | p50 | p99 |", "| --- | ---: | ---: | ---: | ---: |"];
  for (const r of results) lines.push(`| ${r.name} | ${r.rows} | ${r.total.toLocaleString("en")} | ${r.p50Ms.toFixed(1)} ms | ${r.p99Ms.toFixed(1)} ms |`);
  return lines.join("\n");
}
