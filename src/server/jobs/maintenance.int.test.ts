import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { createSession, resolveSession } from "../auth/sessions";
import { agents, auditLog, commands, gateways, rateLimits, scheduledTasks, scripts, taskRuns, users } from "../db/schema";
import { markAgentsOfDeadGatewaysOffline } from "../services/presence";
import { cleanUp, COMMAND_RETENTION_DAYS, TASK_RUN_RETENTION_DAYS } from "./maintenance";
import { JOB_SCHEMA, startJobQueue } from "./queue";
import { JOBS } from "./registry";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("maintenance", () => {
  it("marks agents offline when their gateway stopped heartbeating, even with no gateway left", async () => {
    const dead = randomUUID();
    const live = randomUUID();
    await t.db.insert(gateways).values([
      { id: dead, heartbeatAt: new Date(Date.now() - 60_000) },
      { id: live, heartbeatAt: new Date() },
    ]);
    await t.db.insert(agents).values([
      { id: "orphan", name: "A", secretHash: "x", status: "online", gatewayId: dead },
      { id: "held", name: "B", secretHash: "x", status: "online", gatewayId: live },
    ]);
    expect(await markAgentsOfDeadGatewaysOffline(t.db)).toEqual(["orphan"]);
    const rows = await t.db.select({ id: agents.id, status: agents.status }).from(agents);
    expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({ orphan: "offline", held: "online" });
    expect(await t.db.select().from(gateways).where(eq(gateways.id, dead))).toHaveLength(0);
  });

  it("deletes expired sessions and commands past retention, and keeps the rest", async () => {
    await seedUser(t.db, "sam", "viewer");
    const [sam] = await t.db.select().from(users).where(eq(users.username, "sam"));
    const past = new Date(Date.now() - 86_400_000);
    const expired = await createSession(t.db, { userId: sam!.id, kind: "password", clientIp: null, ttlSeconds: 60, now: past });
    const current = await createSession(t.db, { userId: sam!.id, kind: "password", clientIp: null, ttlSeconds: 600 });
    const old = new Date(Date.now() - (COMMAND_RETENTION_DAYS + 1) * 86_400_000);
    await t.db.insert(commands).values([
      { id: randomUUID(), agentId: "held", type: "list-processes", payload: {}, createdAt: old, expiresAt: old, status: "done" },
      { id: randomUUID(), agentId: "held", type: "list-processes", payload: {}, expiresAt: new Date(), status: "done" },
    ]);
    await cleanUp(t.db);
    expect(await resolveSession(t.db, expired.token)).toBeNull();
    expect(await resolveSession(t.db, current.token)).toMatchObject({ username: "sam" });
    expect(await t.db.select().from(commands)).toHaveLength(1);
  });

  it("deletes scheduled-task runs past retention, and keeps the rest", async () => {
    await t.db.insert(agents).values({ id: "tasked", name: "T", secretHash: "x" });
    const [script] = await t.db.insert(scripts).values({ name: "noop" }).returning();
    const [task] = await t.db.insert(scheduledTasks).values({ name: "t", agentId: "tasked", scriptId: script!.id, args: [], timeoutSeconds: 60, schedule: "* * * * *", createdBy: "x" }).returning();
    const old = new Date(Date.now() - (TASK_RUN_RETENTION_DAYS + 1) * 86_400_000);
    await t.db.insert(taskRuns).values([
      { taskId: task!.id, scheduledFor: old, status: "succeeded", createdAt: old },
      { taskId: task!.id, scheduledFor: new Date(), status: "succeeded" },
    ]);
    await cleanUp(t.db);
    expect((await t.db.select().from(taskRuns)).map((run) => run.createdAt > old)).toEqual([true]);
  });

  it("deletes rate-limit windows that ended over an hour ago, and keeps the rest", async () => {
    const now = Date.now();
    await t.db.insert(rateLimits).values([
      { key: "api-v1:old", points: 60, expire: now - 2 * 60 * 60_000 },
      { key: "api-v1:recent", points: 3, expire: now - 60_000 },
      { key: "api-v1:live", points: 1, expire: now + 60_000 },
    ]);
    await cleanUp(t.db);
    const keys = (await t.db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key);
    expect(keys.sort()).toEqual(["api-v1:live", "api-v1:recent"]);
  });

  it("deletes audit entries past the retention (AUDIT_RETENTION_DAYS, a year by default), and keeps the rest", async () => {
    const aged = (days: number) => ({ at: new Date(Date.now() - days * 86_400_000), actor: "root", action: `test.aged-${days}` });
    await t.db.insert(auditLog).values([aged(400), aged(364), aged(11), aged(9)]);
    const remaining = async () => (await t.db.select({ action: auditLog.action }).from(auditLog)).map((row) => row.action).filter((action) => action.startsWith("test.")).sort();

    await cleanUp(t.db);
    expect(await remaining()).toEqual(["test.aged-11", "test.aged-364", "test.aged-9"]);
    await cleanUp(t.db, { auditRetentionDays: 10 });
    expect(await remaining()).toEqual(["test.aged-9"]);
  });

  it("runs the sweep as a job of the web process, and schedules the cleanup hourly and the metric rollup every five minutes", async () => {
    const dead = randomUUID();
    await t.db.insert(gateways).values({ id: dead, heartbeatAt: new Date(Date.now() - 60_000) });
    await t.db.insert(agents).values({ id: "stranded", name: "C", secretHash: "x", status: "online", gatewayId: dead });
    const queue = await startJobQueue({ url: t.url, db: t.db, jobs: JOBS, pollingIntervalSeconds: 0.5, stopTimeoutMs: 1_000 });
    try {
      await vi.waitFor(async () => {
        const [stranded] = await t.db.select({ status: agents.status }).from(agents).where(eq(agents.id, "stranded"));
        expect(stranded?.status).toBe("offline");
      }, { timeout: 5_000, interval: 100 });
      const schedules = await t.sql.unsafe(`select name, cron from ${JOB_SCHEMA}.schedule order by name`);
      expect(schedules.map((row) => ({ ...row }))).toEqual([
        { name: "cleanup", cron: "0 * * * *" },
        { name: "metric-rollup", cron: "1-59/5 * * * *" },
      ]);
    } finally {
      await queue.stop();
    }
  });
});
