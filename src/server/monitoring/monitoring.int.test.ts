/**
 * Monitoring end to end through a real gateway and PostgreSQL: a profile assigned to the agent's
 * group is pushed to the agent, samples over the threshold raise one alert (visible on
 * `/api/v3/alerts/` and in the event history), it is acknowledged, and it resolves by itself once the
 * average is clearly back below; someone limited to another client sees none of it.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actorFor, callerAs, seedUser } from "../../test/actors";
import { FakeAgent } from "../../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../../test/gateway-harness";
import { apiRequest } from "../../test/http";
import { alerts } from "../db/schema";
import { createApiKey } from "../services/api-keys";
import { createClient } from "../services/clients";
import { createServiceContext } from "../services/service-context";

let h: GatewayHarness;
let agent: FakeAgent;
let handlers: typeof import("../api/handlers");
const keys = { operator: "", otherClient: "" };

const v3 = (path: string, key: string, init: { method?: string; body?: unknown } = {}) => handlers.v3Handler(apiRequest(`/api/v3${path}`, { ...init, headers: { "x-api-key": key } }));
const sample = (memoryPercent: number, secondsAgo = 0) => ({ type: "monitoring-metrics", at: new Date(Date.now() - secondsAgo * 1000).toISOString(), cpuPercent: 5, memoryPercent, diskPercent: 40, network: { rxBytesPerSec: 0, txBytesPerSec: 0 } });

async function keyFor(username: string, clientIds?: number[]) {
  const ctx = createServiceContext({ db: h.t.db, actor: await actorFor(h.t.db, username), clientIp: "127.0.0.1", waiters: () => h.waiters });
  return (await createApiKey(ctx, { name: "monitoring", role: "operator", clientIds })).key;
}

beforeAll(async () => {
  h = await startGatewayHarness();
  Object.assign(process.env, { DATABASE_URL: h.t.url, AUTH_SECRET: "s".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  handlers = await import("../api/handlers");
  await seedUser(h.t.db, "olga", "operator");
  await seedUser(h.t.db, "ada", "admin");
  const other = await createClient(createServiceContext({ db: h.t.db, actor: await actorFor(h.t.db, "ada"), clientIp: "127.0.0.1", waiters: () => h.waiters }), { name: "Other Corp", siteName: "Main" });
  keys.operator = await keyFor("olga");
  keys.otherClient = await keyFor("olga", [other.id]);
  agent = await FakeAgent.connect({ url: h.url, token: await h.token(), name: "web-01" });
  agent.handlers.set("monitoring-status", (command) => ({ profileCount: (command.profiles as unknown[]).length }));
});
afterAll(async () => {
  await agent?.close();
  await (await import("../db/client")).closeDb();
  await h.stop();
});

describe("monitoring", () => {
  let profileId = "";

  it("creates a profile and, assigned to the agent's group, tells the agent", async () => {
    const operator = callerAs(h.t.db, await actorFor(h.t.db, "olga"), { waiters: h.waiters });
    const profile = await operator.monitoring.createProfile({ name: "Memory pressure", rules: [{ metric: "memory", threshold: 75, windowSeconds: 30 }] });
    expect(profile.rules).toEqual([expect.objectContaining({ metric: "ram", threshold: 75, windowSeconds: 30, comparison: "gte", severity: "warning" })]);
    profileId = profile.id;
    const status = agent.next("monitoring-status");
    const assigned = await operator.monitoring.assignProfile({ id: profile.id, targetType: "group", targetId: "ungrouped" });
    expect(assigned.assignedGroups).toEqual(["Ungrouped"]);
    expect(await status).toMatchObject({ profiles: [{ id: profile.id, name: "Memory pressure", rules: [{ metric: "ram", threshold: 75 }] }] });
  });

  it("refuses a rule on a metric it cannot watch, naming the field", async () => {
    const operator = callerAs(h.t.db, await actorFor(h.t.db, "olga"));
    await expect(operator.monitoring.createProfile({ name: "Bad", rules: [{ metric: "disk-performance" as never, threshold: 1 }] })).rejects.toThrow(/must be one of/);
  });

  it("raises one alert when the window's average crosses the threshold, however many samples follow", async () => {
    agent.send(sample(60, 20)); // alone it would not alert
    agent.send(sample(95));
    await vi.waitFor(async () => expect(await (await v3("/alerts/", keys.operator)).json()).toHaveLength(1), { timeout: 5_000 });
    agent.send(sample(96));
    agent.send(sample(97));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const list = await (await v3("/alerts/", keys.operator)).json();
    expect(list).toEqual([
      expect.objectContaining({ alert_type: "rule", agent: agent.agentId, hostname: "web-01", severity: "warning", message: expect.stringMatching(/^Memory at or above 75%: 77\.5% on average over 30 s$/), resolved: false, acknowledged: false }),
    ]);
  });

  it("is acknowledged over /api/v3 and shown to nobody limited to another client", async () => {
    const [alert] = await (await v3("/alerts/", keys.operator)).json();
    const acknowledged = await v3(`/alerts/${alert.id}/acknowledge/`, keys.operator, { method: "POST" });
    expect(acknowledged.status).toBe(200);
    expect(await acknowledged.json()).toMatchObject({ id: alert.id, acknowledged: true, resolved: false });
    expect(await (await v3("/alerts/", keys.otherClient)).json()).toEqual([]);

    // Snoozed: still listed, left out of the counts, until the snooze ends.
    const operator = callerAs(h.t.db, await actorFor(h.t.db, "olga"));
    await operator.alerts.snooze({ id: alert.id, minutes: 60 });
    expect((await operator.alerts.counts()).open).toBe(0);
    expect(await (await v3("/alerts/", keys.operator)).json()).toEqual([expect.objectContaining({ id: alert.id, snoozed: true })]);
    await operator.alerts.snooze({ id: alert.id, minutes: 0 });
    expect((await operator.alerts.counts()).open).toBe(1);
    expect((await v3(`/alerts/${alert.id}/resolve/`, keys.otherClient, { method: "POST" })).status).toBe(404);
  });

  it("resolves by itself once the average is clearly below, and the history tells the story", async () => {
    for (let i = 0; i < 6; i++) agent.send(sample(10));
    await vi.waitFor(async () => expect(await (await v3("/alerts/", keys.operator)).json()).toEqual([]), { timeout: 5_000 });
    const [row] = await h.t.db.select().from(alerts).where(eq(alerts.agentId, agent.agentId));
    expect(row).toMatchObject({ status: "resolved", resolvedBy: "auto", acknowledgedBy: "olga" });
    const operator = callerAs(h.t.db, await actorFor(h.t.db, "olga"));
    // The resolution is stored before its events are published: wait for the last of them.
    const history = await vi.waitFor(async () => {
      const entries = await operator.monitoring.history({ agentId: agent.agentId });
      expect(entries.map((entry) => entry.eventName)).toEqual(["alert", "monitoring-state", "alert-acknowledged", "alert-resolved", "monitoring-state"]);
      return entries;
    }, { timeout: 5_000 });
    expect(history[0]!.payload).toMatchObject({ type: "alert", agentId: agent.agentId, agentName: "web-01", profileId, metric: "ram", threshold: 75, value: 77.5 });
    const limited = callerAs(h.t.db, { ...(await actorFor(h.t.db, "olga")), clientIds: [-1] });
    expect(await limited.monitoring.history({})).toEqual([]);
  });

  it("deleting the profile closes its open alerts and stops watching", async () => {
    // Enough high samples to lift the 30 s average back over the threshold.
    for (let i = 0; i < 20; i++) agent.send(sample(99));
    await vi.waitFor(async () => expect(await (await v3("/alerts/", keys.operator)).json()).toHaveLength(1), { timeout: 5_000 });
    const operator = callerAs(h.t.db, await actorFor(h.t.db, "olga"), { waiters: h.waiters });
    await operator.monitoring.deleteProfile({ id: profileId });
    expect(await (await v3("/alerts/", keys.operator)).json()).toEqual([]);
    expect(await operator.monitoring.profiles()).toEqual([]);
  });
});
