/**
 * Scheduled tasks end to end below the job queue: created through Tactical RMM's `/api/v3/tasks/`
 * and the dashboard's procedures, run by scheduler passes with an injected clock against a real
 * gateway and a scripted agent. An occurrence runs once however many processes pass at the same
 * time; an unapproved script fails the run with the reason; an occurrence missed while the agent
 * was offline runs when it returns only if the task says so, and only once.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser, testServiceContext } from "../../test/actors";
import { FakeAgent } from "../../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../../test/gateway-harness";
import { apiRequest } from "../../test/http";
import { BusListener } from "../bus/listener";
import { CommandWaiters } from "../bus/command-waiters";
import { agents, auditLog, scheduledTasks, scriptRuns, taskRuns } from "../db/schema";
import { createApiKey } from "../services/api-keys";
import { createClient } from "../services/clients";
import { createServiceContext } from "../services/service-context";
import { runDueTasks, type SchedulerDeps } from "./run-due-tasks";

let h: GatewayHarness;
let agent: FakeAgent;
let v3: (request: Request) => Promise<Response>;
/** A second web process's command bus: its own LISTEN connection and waiters. */
let otherListener: BusListener;
let processes: SchedulerDeps[];
const keys: Record<string, string> = {};
const ran: Record<string, unknown>[] = [];
let scriptId: number;

beforeAll(async () => {
  h = await startGatewayHarness();
  Object.assign(process.env, { DATABASE_URL: h.t.url, AUTH_SECRET: "s".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  const [{ createSurfaceHandler }, { v3Surface }, { credentialResolvers }] = await Promise.all([import("../api/dispatch"), import("../api/surfaces/v3"), import("../api/credential-resolvers")]);
  v3 = createSurfaceHandler(v3Surface, { credentials: credentialResolvers, commandTimeoutMs: 5_000 });
  for (const [name, role] of [["ada", "admin"], ["otto", "operator"], ["vera", "viewer"]] as const) {
    await seedUser(h.t.db, name, role);
    const ctx = createServiceContext({ db: h.t.db, actor: await actorFor(h.t.db, name), clientIp: "127.0.0.1", waiters: () => h.waiters });
    keys[name] = (await createApiKey(ctx, { name: `${name} key`, role })).key;
  }
  otherListener = new BusListener(h.t.url);
  const otherWaiters = new CommandWaiters(h.t.db, otherListener);
  processes = [{ db: h.t.db, waiters: () => h.waiters }, { db: h.t.db, waiters: () => otherWaiters }];
  agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
  agent.handlers.set("run-script", (command) => {
    ran.push(command);
    return { exitCode: 0, stdout: `cleaned ${(command.args as string[]).join(" ")}\n`, stderr: "", timedOut: false, durationMs: 40 };
  });
  scriptId = (await (await caller("ada")).scripts.create({ name: "cleanup", language: "bash", content: "echo cleaned" })).id;
});
afterAll(async () => {
  await agent.close();
  await otherListener.close();
  await (await import("../bus/web-bus")).getBusListener().close();
  await (await import("../db/client")).closeDb();
  await h.stop();
});

const caller = async (user: string) => callerAs(h.t.db, await actorFor(h.t.db, user), { waiters: h.waiters, commandTimeoutMs: 5_000 });
const withKey = (user: string, path: string, body?: unknown) => apiRequest(path, { body, headers: { "x-api-key": keys[user]! } });
const taskRow = async (id: number) => (await h.t.db.select().from(scheduledTasks).where(eq(scheduledTasks.id, id)))[0]!;
const runsOf = (taskId: number) => h.t.db.select().from(taskRuns).where(eq(taskRuns.taskId, taskId)).orderBy(taskRuns.scheduledFor);
/** Just after the task's due occurrence. */
const dueTime = async (taskId: number) => new Date((await taskRow(taskId)).nextRunAt!.getTime() + 1_000);

async function waitForStatus(agentId: string, status: "online" | "offline") {
  for (let i = 0; i < 200; i++) {
    const [row] = await h.t.db.select({ status: agents.status }).from(agents).where(eq(agents.id, agentId));
    if (row?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`agent never ${status}`);
}

describe("/api/v3/tasks/", () => {
  it("creates a task (operator) with its next run computed from the cron expression, and lists it", async () => {
    const response = await v3(withKey("otto", "/api/v3/tasks/", { name: "Weekly disk cleanup", agent: agent.agentId, script: scriptId, schedule: "0 3 * * 0", enabled: true }));
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toMatchObject({ name: "Weekly disk cleanup", agent: agent.agentId, script: scriptId, script_name: "cleanup", schedule: "0 3 * * 0", enabled: true, run_missed: false, last_run: null });
    const next = new Date(created.next_run);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600_000);
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([0, 3, 0]);

    const list = await (await v3(withKey("vera", "/api/v3/tasks/"))).json();
    expect(list).toEqual([created]);
    const [entry] = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "task.create"));
    expect(entry).toMatchObject({ actor: "otto", target: agent.agentId, details: expect.objectContaining({ name: "Weekly disk cleanup", schedule: "0 3 * * 0" }) });
  });

  it("answers 400 naming the schedule for an invalid cron expression, 403 to a viewer, 404 for an unknown agent", async () => {
    const bad = await v3(withKey("otto", "/api/v3/tasks/", { name: "x", agent: agent.agentId, script: scriptId, schedule: "61 * * * *" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toMatch(/schedule.*not a valid cron expression/);
    const short = await v3(withKey("otto", "/api/v3/tasks/", { name: "x", agent: agent.agentId, script: scriptId, schedule: "daily" }));
    expect((await short.json()).detail).toMatch(/schedule.*five fields/);
    expect((await v3(withKey("vera", "/api/v3/tasks/", { name: "x", agent: agent.agentId, script: scriptId, schedule: "* * * * *" }))).status).toBe(403);
    expect((await v3(withKey("otto", "/api/v3/tasks/", { name: "x", agent: "no-such-agent", script: scriptId, schedule: "* * * * *" }))).status).toBe(404);
  });
});

describe("running", () => {
  it("runs a due occurrence once when two web processes pass at the same time, and records it", async () => {
    const task = await (await caller("otto")).tasks.create({ name: "every minute", agentId: agent.agentId, scriptId, schedule: "* * * * *", args: ["tmp"] });
    const now = await dueTime(task.id);
    const before = ran.length;
    const passes = await Promise.all([runDueTasks(processes[0]!, now), runDueTasks(processes[1]!, now), runDueTasks(processes[0]!, now), runDueTasks(processes[1]!, now)]);
    await Promise.all(passes.map((pass) => pass.finished));

    expect(passes.reduce((sum, pass) => sum + pass.started, 0)).toBe(1);
    expect(ran.length - before).toBe(1);
    const runs = await runsOf(task.id);
    expect(runs).toEqual([expect.objectContaining({ scheduledFor: new Date(task.nextRunAt!), status: "succeeded", exitCode: 0, output: "cleaned tmp\n", error: null })]);
    const [scriptRun] = await h.t.db.select().from(scriptRuns).where(eq(scriptRuns.id, runs[0]!.scriptRunId!));
    expect(scriptRun).toMatchObject({ requestedBy: "scheduler: every minute", status: "succeeded", args: ["tmp"] });
    // The next occurrence is the next minute after the pass, and nothing more is due now.
    expect((await taskRow(task.id)).nextRunAt).toEqual(new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000));
    expect((await runDueTasks(processes[0]!, now)).started).toBe(0);

    const history = await (await caller("vera")).tasks.runs({ taskId: task.id });
    expect(history).toEqual([expect.objectContaining({ status: "succeeded", exitCode: 0, scriptRunId: scriptRun!.id })]);
    expect((await (await caller("vera")).tasks.list()).find((listed) => listed.id === task.id)?.lastRun).toMatchObject({ status: "succeeded" });
    await (await caller("otto")).tasks.delete({ taskId: task.id });
  });

  it("fails the run with the reason when the script awaits four-eyes approval, without running it", async () => {
    const ada = await caller("ada");
    const guarded = await ada.scripts.create({ name: "guarded", language: "bash", content: "rm -rf /tmp/x", requiresApproval: true });
    const task = await (await caller("otto")).tasks.create({ name: "guarded task", agentId: agent.agentId, scriptId: guarded.id, schedule: "*/5 * * * *" });
    const before = ran.length;
    const pass = await runDueTasks(processes[0]!, await dueTime(task.id));
    await pass.finished;
    expect(ran.length).toBe(before);
    expect(await runsOf(task.id)).toEqual([expect.objectContaining({ status: "error", error: expect.stringMatching(/has not been approved/), scriptRunId: null })]);
    await (await caller("otto")).tasks.delete({ taskId: task.id });
  });

  it("ends a run left running past its timeout (its web process stopped mid-run) as an error", async () => {
    const task = await (await caller("otto")).tasks.create({ name: "lost", agentId: agent.agentId, scriptId, schedule: "0 0 1 1 *", timeoutSeconds: 60 });
    const startedAt = new Date(Date.now() - 10 * 60_000);
    await h.t.db.insert(taskRuns).values([
      { taskId: task.id, scheduledFor: startedAt, status: "running", startedAt },
      { taskId: task.id, scheduledFor: new Date(startedAt.getTime() + 1), status: "running", startedAt: new Date(Date.now() - 60_000) },
    ]);
    await runDueTasks(processes[0]!, new Date());
    expect((await runsOf(task.id)).map((run) => [run.status, run.error])).toEqual([
      ["error", expect.stringMatching(/no outcome was recorded/)],
      ["running", null],
    ]);
    await (await caller("otto")).tasks.delete({ taskId: task.id });
  });

  it("disables and re-enables a task: no next run while disabled, a fresh one after", async () => {
    const otto = await caller("otto");
    const task = await otto.tasks.create({ name: "toggled", agentId: agent.agentId, scriptId, schedule: "0 * * * *" });
    const disabled = await otto.tasks.update({ taskId: task.id, enabled: false });
    expect(disabled).toMatchObject({ enabled: false, nextRunAt: null });
    const now = new Date(Date.now() + 3 * 3600_000);
    expect((await runDueTasks(processes[0]!, now)).started).toBe(0);
    const enabled = await otto.tasks.update({ taskId: task.id, enabled: true });
    expect(new Date(enabled.nextRunAt!).getUTCMinutes()).toBe(0);
    expect(new Date(enabled.nextRunAt!).getTime()).toBeGreaterThan(Date.now());
    await otto.tasks.delete({ taskId: task.id });
    const deletions = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "task.delete"));
    expect(deletions).toContainEqual(expect.objectContaining({ actor: "otto", details: expect.objectContaining({ taskId: task.id, name: "toggled" }) }));
  });
});

describe("tenancy", () => {
  it("hides a task from someone limited to another client: not listed, and not found by id", async () => {
    const task = await (await caller("otto")).tasks.create({ name: "private", agentId: agent.agentId, scriptId, schedule: "0 0 * * *" });
    const other = await createClient(testServiceContext(h.t.db), { name: "Other Corp", siteName: "Other HQ" });
    const outsider = callerAs(h.t.db, { ...(await actorFor(h.t.db, "otto")), clientIds: [other.id] }, { waiters: h.waiters });
    expect(await outsider.tasks.list()).toEqual([]);
    await expect(outsider.tasks.runs({ taskId: task.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.tasks.update({ taskId: task.id, enabled: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.tasks.delete({ taskId: task.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.tasks.create({ name: "x", agentId: agent.agentId, scriptId, schedule: "* * * * *" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await taskRow(task.id)).toMatchObject({ enabled: true });
    await (await caller("otto")).tasks.delete({ taskId: task.id });
  });
});

describe("an agent that was offline", () => {
  it("runs the latest missed occurrence once when it returns, only for a task that runs missed occurrences", async () => {
    const laptop = await FakeAgent.connect({ url: h.url, token: await h.token(), name: "laptop" });
    const laptopRan: Record<string, unknown>[] = [];
    const otto = await caller("otto");
    const catchUp = await otto.tasks.create({ name: "catch up", agentId: laptop.agentId, scriptId, schedule: "*/10 * * * *", runMissed: true });
    const skip = await otto.tasks.create({ name: "skip", agentId: laptop.agentId, scriptId, schedule: "*/10 * * * *" });
    await laptop.close();
    await waitForStatus(laptop.agentId, "offline");

    // Two occurrences pass while it is away.
    const first = await dueTime(catchUp.id);
    expect(await runDueTasks(processes[0]!, first)).toMatchObject({ started: 0, missed: 2 });
    const second = await dueTime(catchUp.id);
    expect(second.getTime() - first.getTime()).toBe(10 * 60_000);
    expect(await runDueTasks(processes[1]!, second)).toMatchObject({ started: 0, missed: 2 });
    expect((await runsOf(catchUp.id)).map((run) => run.status)).toEqual(["missed", "pending"]);
    expect((await runsOf(skip.id)).map((run) => run.status)).toEqual(["missed", "missed"]);

    const back = await FakeAgent.connect({ url: h.url, credentials: { agentId: laptop.agentId, agentSecret: laptop.agentSecret }, name: "laptop" });
    back.handlers.set("run-script", (command) => {
      laptopRan.push(command);
      return { exitCode: 0, stdout: "caught up\n", stderr: "", timedOut: false, durationMs: 5 };
    });
    await waitForStatus(laptop.agentId, "online");
    const now = new Date(second.getTime() + 60_000);
    const passes = await Promise.all([runDueTasks(processes[0]!, now), runDueTasks(processes[1]!, now)]);
    await Promise.all(passes.map((pass) => pass.finished));

    expect(laptopRan).toHaveLength(1);
    expect((await runsOf(catchUp.id)).map((run) => [run.status, run.output])).toEqual([
      ["missed", null],
      ["succeeded", "caught up\n"],
    ]);
    expect((await runsOf(skip.id)).map((run) => run.status)).toEqual(["missed", "missed"]);
    await back.close();
  });
});
