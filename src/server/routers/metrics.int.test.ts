import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerAs, testServiceContext } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import type { Actor } from "../auth/roles";
import { agentMetricRollups, agentMetrics, agents, groups } from "../db/schema";
import { createClient } from "../services/clients";
import { assignMonitoringProfile, createMonitoringProfile } from "../services/monitoring-profiles";

let t: TestDatabase;
let restricted: Actor;
const viewer: Actor = { userId: 0, username: "viewer", role: "viewer", via: "session", clientIds: null };
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  t = await createTestDatabase();
  const root = testServiceContext(t.db);
  const alpha = await createClient(root, { name: "Alpha Corp", siteName: "Alpha HQ" });
  const beta = await createClient(root, { name: "Beta Corp", siteName: "Beta HQ" });
  restricted = { ...viewer, username: "alpha-viewer", clientIds: [alpha.id] };
  await t.db.insert(agents).values([
    { id: "chart-alpha", name: "ALPHA", secretHash: "x", siteId: alpha.sites[0]!.id, groupName: "Servers" },
    { id: "chart-beta", name: "BETA", secretHash: "x", siteId: beta.sites[0]!.id },
  ]);
  const sample = (agentId: string, minutes: number, cpu: number) => {
    const at = minutesAgo(minutes);
    return { agentId, at, data: { at: at.toISOString(), cpuPercent: cpu, memoryPercent: 50, diskPercent: 70, network: { rxBytesPerSec: 2048, txBytesPerSec: 1024 } } };
  };
  // Twenty minutes ago, three hours ago, and past the day that raw samples are kept for.
  await t.db.insert(agentMetrics).values([sample("chart-alpha", 20, 30), sample("chart-alpha", 180, 60), sample("chart-alpha", 26 * 60, 99), sample("chart-beta", 20, 10)]);
  const rollup = (hours: number, cpuAvg: number, cpuMax: number, samples: number) => ({
    agentId: "chart-alpha",
    bucket: new Date(Math.floor((Date.now() - hours * 3_600_000) / 3_600_000) * 3_600_000),
    samples,
    cpuAvg,
    cpuMax,
    memoryAvg: 40,
    memoryMax: 45,
    diskAvg: 70,
    diskMax: 70,
    rxAvg: 100,
    rxMax: 200,
    txAvg: 10,
    txMax: 20,
  });
  // Two buckets of one hour-long step (weighted 1:3), and one ten days ago.
  const [first, second] = [rollup(48, 20, 25, 1), rollup(48, 40, 80, 3)];
  second.bucket = new Date(first.bucket.getTime() + 300_000);
  await t.db.insert(agentMetricRollups).values([first, second, rollup(10 * 24, 5, 5, 60)]);
  const profile = await createMonitoringProfile(root, { name: "Busy servers", description: "", rules: [{ metric: "cpu", threshold: 85, windowSeconds: 60, comparison: "gte", severity: "critical" }] });
  await t.db.insert(groups).values({ name: "Servers" });
  await assignMonitoringProfile(root, { id: profile.id, targetType: "group", targetId: "Servers" });
});
afterAll(() => t.close());

const history = (actor: Actor, agentId: string, range: "1h" | "6h" | "24h" | "7d" | "30d") => callerAs(t.db, actor).metrics.history({ agentId, range });

describe("metrics.history", () => {
  it("answers raw samples within the range, in steps, with the thresholds of the device's monitoring rules", async () => {
    const hour = await history(viewer, "chart-alpha", "1h");
    expect([hour.source, hour.stepSeconds, hour.series.cpu, hour.series.rx, hour.series.memoryMax]).toEqual(["raw", 5, [30], [2048], [50]]);
    expect(hour.series.at[0]).toBeCloseTo(minutesAgo(20).getTime() / 1000, -1);
    expect(hour.thresholds).toEqual([{ metric: "cpu", threshold: 85, comparison: "gte", severity: "critical", profileName: "Busy servers" }]);
    expect((await history(viewer, "chart-alpha", "6h")).series.cpu).toEqual([60, 30]);
    expect((await history(viewer, "chart-alpha", "24h")).series.cpu).toEqual([60, 30]);
  });

  it("answers rollups beyond a day, weighing each bucket's average by its samples", async () => {
    const week = await history(viewer, "chart-alpha", "7d");
    expect([week.source, week.stepSeconds, week.series.cpu, week.series.cpuMax]).toEqual(["5m", 900, [35], [80]]);
    const month = await history(viewer, "chart-alpha", "30d");
    expect([month.stepSeconds, month.series.cpu, month.series.cpuMax, month.series.tx]).toEqual([3600, [5, 35], [5, 80], [10, 10]]);
  });

  it("answers an empty series for a device without history", async () => {
    await t.db.insert(agents).values({ id: "chart-new", name: "NEW", secretHash: "x" });
    const empty = await history(viewer, "chart-new", "24h");
    expect([empty.series.at, empty.series.cpu, empty.thresholds]).toEqual([[], [], []]);
  });

  it("is not found for another client's device, and for an unknown one", async () => {
    expect((await history(restricted, "chart-alpha", "1h")).series.cpu).toEqual([30]);
    for (const agentId of ["chart-beta", "no-such-agent"]) {
      await expect(history(restricted, agentId, "1h")).rejects.toSatisfy((error) => error instanceof TRPCError && error.code === "NOT_FOUND");
    }
  });

  it("refuses a range it does not know", async () => {
    await expect(callerAs(t.db, viewer).metrics.history({ agentId: "chart-alpha", range: "2y" as "1h" })).rejects.toSatisfy((error) => error instanceof TRPCError && error.code === "BAD_REQUEST");
  });
});
