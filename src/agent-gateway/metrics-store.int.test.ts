import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/test-db";
import type { MonitoringMetricsMessage } from "../protocol";
import { agents } from "../server/db/schema";
import { MetricsStore, type FlushReport } from "./metrics-store";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insert(agents).values(Array.from({ length: 5 }, (_, i) => ({ id: `store-${i}`, name: `S${i}`, secretHash: "x" })));
});
afterAll(() => t.close());

const sample = (cpuPercent: number, at = new Date()): MonitoringMetricsMessage => ({ type: "monitoring-metrics", at: at.toISOString(), cpuPercent, memoryPercent: 1, diskPercent: 2, network: { rxBytesPerSec: 3, txBytesPerSec: 4 } });
const count = async (agentId: string) => (await t.sql<{ n: number }[]>`select count(*)::int as n from agent_metrics where agent_id = ${agentId}`)[0]!.n;

describe("metrics store", () => {
  it("stores a batch far beyond PostgreSQL's parameter limit in one flush, and each agent's latest figures", async () => {
    const reports: FlushReport[] = [];
    const store = new MetricsStore(t.db, { live: false, onFlush: (report) => reports.push(report) });
    for (let i = 0; i < 25_000; i++) store.add(`store-${i % 4}`, sample(i % 100));
    await store.stop();
    expect(reports).toEqual([expect.objectContaining({ rows: 25_000, agents: 4, dropped: 0 })]);
    expect(await count("store-0")).toBe(6_250);
    const latest = await t.sql<{ id: string; cpu: number }[]>`select id, (metrics ->> 'cpuPercent')::int as cpu from agents where id like 'store-%' and metrics is not null order by id`;
    expect(latest.map((row) => [row.id, row.cpu])).toEqual([["store-0", 96], ["store-1", 97], ["store-2", 98], ["store-3", 99]]);
  });

  it("keeps the other samples of a batch when an agent in it no longer exists", async () => {
    const store = new MetricsStore(t.db, { live: false });
    store.add("store-4", sample(1));
    store.add("removed-agent", sample(2));
    await store.stop();
    expect(await count("store-4")).toBe(1);
    expect(await count("removed-agent")).toBe(0);
  });

  it("holds at most its bound while the database falls behind, dropping the oldest samples and saying how many", async () => {
    const reports: FlushReport[] = [];
    const store = new MetricsStore(t.db, { live: false, maxBuffered: 100, onFlush: (report) => reports.push(report) });
    const before = await count("store-4");
    for (let i = 0; i < 150; i++) store.add("store-4", sample(i));
    await store.stop();
    expect(reports).toEqual([expect.objectContaining({ rows: 100, dropped: 50 })]);
    expect(await count("store-4")).toBe(before + 100);
    const [kept] = await t.sql<{ lowest: number }[]>`select min((data ->> 'cpuPercent')::int) as lowest from agent_metrics where agent_id = 'store-4' and (data ->> 'cpuPercent')::int >= 2`;
    expect(kept!.lowest).toBe(50);
  });
});
