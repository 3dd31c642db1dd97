import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { agentMetricRollups, agentMetrics, agents } from "../db/schema";
import { cleanUp } from "../jobs/maintenance";
import { rollUpMetrics, SETTLE_SECONDS } from "./rollup";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insert(agents).values([
    { id: "roll-a", name: "A", secretHash: "x" },
    { id: "roll-b", name: "B", secretHash: "x" },
    { id: "roll-c", name: "C", secretHash: "x" },
  ]);
});
afterAll(() => t.close());

const base = Date.parse("2026-11-29T10:00:00Z");
const sample = (agentId: string, at: number, cpu: number, extra: { rx?: number } = {}) => ({
  agentId,
  at: new Date(at),
  data: { at: new Date(at).toISOString(), cpuPercent: cpu, memoryPercent: cpu / 2, diskPercent: 40, network: { rxBytesPerSec: extra.rx ?? 1000, txBytesPerSec: 10 } },
});
const rollups = (agentId: string) => t.db.select().from(agentMetricRollups).where(eq(agentMetricRollups.agentId, agentId)).orderBy(asc(agentMetricRollups.bucket));

describe("metric rollups", () => {
  it("averages and maximises each agent's samples per finished five-minute bucket, once however often it runs", async () => {
    await t.db.insert(agentMetrics).values([
      sample("roll-a", base + 0, 10, { rx: 100 }),
      sample("roll-a", base + 60_000, 20, { rx: 300 }),
      sample("roll-a", base + 299_000, 60, { rx: 200 }),
      sample("roll-a", base + 300_000, 90),
      sample("roll-b", base + 120_000, 5),
      // Still in a bucket that has not ended (plus settling time) at `now`: not rolled up yet.
      sample("roll-a", base + 600_000, 99),
    ]);
    const now = new Date(base + 600_000 + SETTLE_SECONDS * 1000);
    await rollUpMetrics(t.db, { now });
    await rollUpMetrics(t.db, { now });
    await Promise.all([rollUpMetrics(t.db, { now }), rollUpMetrics(t.db, { now })]);

    const a = await rollups("roll-a");
    expect(a.map((row) => [row.bucket.toISOString(), row.samples, row.cpuAvg, row.cpuMax, row.memoryMax, row.rxAvg, row.rxMax])).toEqual([
      ["2026-11-29T10:00:00.000Z", 3, 30, 60, 30, 200, 300],
      ["2026-11-29T10:05:00.000Z", 1, 90, 90, 45, 1000, 1000],
    ]);
    expect((await rollups("roll-b")).map((row) => [row.samples, row.cpuAvg, row.diskMax, row.txAvg])).toEqual([[1, 5, 40, 10]]);
  });

  it("recomputes recent buckets when a sample arrives late, and then rolls the next bucket up", async () => {
    await t.db.insert(agentMetrics).values(sample("roll-a", base + 240_000, 110));
    await rollUpMetrics(t.db, { now: new Date(base + 900_000 + SETTLE_SECONDS * 1000) });
    const [first, , third] = await rollups("roll-a");
    expect([first!.samples, first!.cpuAvg, first!.cpuMax]).toEqual([4, 50, 110]);
    expect([third!.bucket.toISOString(), third!.samples, third!.cpuAvg]).toEqual(["2026-11-29T10:10:00.000Z", 1, 99]);
  });

  it("keeps raw samples a day and rollups thirty days", async () => {
    const hoursAgo = (hours: number) => Date.now() - hours * 3_600_000;
    await t.db.insert(agentMetrics).values([sample("roll-c", hoursAgo(25), 1), sample("roll-c", hoursAgo(23), 2)]);
    const rollup = (days: number) => ({ agentId: "roll-c", bucket: new Date(hoursAgo(days * 24)), samples: 1, cpuAvg: days, cpuMax: days, memoryAvg: 0, memoryMax: 0, diskAvg: 0, diskMax: 0, rxAvg: 0, rxMax: 0, txAvg: 0, txMax: 0 });
    await t.db.insert(agentMetricRollups).values([rollup(31), rollup(29)]);
    await cleanUp(t.db);
    const raw = await t.db.select({ cpu: agentMetrics.data }).from(agentMetrics).where(eq(agentMetrics.agentId, "roll-c"));
    expect(raw.map((row) => (row.cpu as { cpuPercent: number }).cpuPercent)).toEqual([2]);
    expect((await rollups("roll-c")).map((row) => row.cpuAvg)).toEqual([29]);
  });
});
