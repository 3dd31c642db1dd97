/**
 * Checks and remediation through a real gateway and PostgreSQL: a failing disk-space check raises
 * one `check` alert (on `/api/v3/alerts/`), shows on `/api/v3/checks/?agent=` in Tactical RMM's
 * shape, runs its alert profile's remediation script on the agent (a recorded script run by the
 * system), and resolves when it passes again. Remediations are rate-limited per agent and script
 * (an injected clock) and refused for a script that awaits four-eyes approval.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser } from "../../test/actors";
import { FakeAgent } from "../../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../../test/gateway-harness";
import { apiRequest } from "../../test/http";
import { agents, alerts, remediations } from "../db/schema";
import { RATE_LIMIT_MS, runPendingRemediations } from "../remediation/remediation-job";
import { createApiKey } from "../services/api-keys";
import { raiseRuleAlert } from "../services/alerts";
import { listScriptRuns } from "../services/script-runs";
import { monitoringHistory } from "../services/monitoring-history";
import { createServiceContext, systemActorContext } from "../services/service-context";
import { runChecks } from "./run-checks";

let h: GatewayHarness;
let agent: FakeAgent;
let handlers: typeof import("../api/handlers");
let operatorKey = "";
const scriptRuns: Record<string, unknown>[] = [];
const pings: Record<string, unknown>[] = [];

const v3 = (path: string, init: { method?: string; body?: unknown } = {}) => handlers.v3Handler(apiRequest(`/api/v3${path}`, { ...init, headers: { "x-api-key": operatorKey } }));
const system = (username: string) => systemActorContext({ db: h.t.db, username, waiters: () => h.waiters });
const operator = async () => callerAs(h.t.db, await actorFor(h.t.db, "olga"), { waiters: h.waiters });
const admin = async () => callerAs(h.t.db, await actorFor(h.t.db, "ada"), { waiters: h.waiters });
const setFreeBytes = (freeBytes: number) => h.t.db.update(agents).set({ specs: { disks: [{ mount: "/", totalBytes: 100, freeBytes }] } }).where(eq(agents.id, agent.agentId));
const events = async (type: string) => (await monitoringHistory({ db: h.t.db, actor: await actorFor(h.t.db, "ada") }, { agentId: agent.agentId, limit: 200 })).filter((event) => event.eventName === type).map((event) => event.payload);

beforeAll(async () => {
  h = await startGatewayHarness();
  Object.assign(process.env, { DATABASE_URL: h.t.url, AUTH_SECRET: "s".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  handlers = await import("../api/handlers");
  await seedUser(h.t.db, "olga", "operator");
  await seedUser(h.t.db, "vic", "viewer");
  await seedUser(h.t.db, "ada", "admin");
  await seedUser(h.t.db, "bea", "admin");
  operatorKey = (await createApiKey(createServiceContext({ db: h.t.db, actor: await actorFor(h.t.db, "olga"), clientIp: "127.0.0.1", waiters: () => h.waiters }), { name: "checks", role: "operator" })).key;
  agent = await FakeAgent.connect({ url: h.url, token: await h.token(), name: "file-01" });
  agent.handlers.set("run-script", (command) => {
    scriptRuns.push(command);
    return { exitCode: 0, stdout: "cleaned\n", stderr: "", timedOut: false, durationMs: 10 };
  });
  agent.handlers.set("run-check", (command) => {
    pings.push(command);
    return { success: true, averageMs: 12.4, output: "" };
  });
});
afterAll(async () => {
  await agent?.close();
  await (await import("../bus/web-bus")).getBusListener().close();
  await (await import("../db/client")).closeDb();
  await h.stop();
});

describe("checks", () => {
  let diskCheckId = 0;

  it("lets an operator add checks through the API and the dashboard, and a viewer only look", async () => {
    const created = await v3("/checks/", { method: "POST", body: { agent: agent.agentId, check_type: "ping", name: "Gateway", host: "192.0.2.1" } });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: expect.any(Number), agent: agent.agentId, check_type: "ping", name: "Gateway", status: "pending", more_info: "", last_run: null });

    const refused = await v3("/checks/", { method: "POST", body: { agent: agent.agentId, check_type: "ping", name: "Evil", host: "-f 127.0.0.1" } });
    expect(refused.status).toBe(400);

    const viewer = callerAs(h.t.db, await actorFor(h.t.db, "vic"));
    await expect(viewer.checks.create({ agentId: agent.agentId, name: "Disk", config: { checkType: "diskspace", threshold: 10 } })).rejects.toThrow(/operator/i);
  });

  it("fails a disk-space check, raises one check alert and queues its profile's remediation", async () => {
    await (await admin()).scripts.create({ name: "clean-disk", language: "bash", content: "echo cleaned" });
    const profile = await (await admin()).monitoring.createAlertProfile({ name: "Fix it", remediationScript: "clean-disk" });
    const check = await (await operator()).checks.create({ agentId: agent.agentId, name: "Root", alertProfileId: profile.id, config: { checkType: "diskspace", drive: "/", threshold: 60 } });
    diskCheckId = check.id;

    await runChecks(system("system:checks"));
    await runChecks(system("system:checks"));

    const listed = await (await v3(`/checks/?agent=${encodeURIComponent(agent.agentId)}`)).json();
    expect(listed).toEqual([
      expect.objectContaining({ check_type: "ping", name: "Gateway", status: "passing", more_info: "192.0.2.1 - avg 12ms", last_run: expect.any(String) }),
      expect.objectContaining({ id: diskCheckId, check_type: "diskspace", name: "Root", status: "failing", more_info: "/ 50% used (50 B free of 100 B), threshold 60% free" }),
    ]);
    expect(pings).toEqual([expect.objectContaining({ check: "ping", host: "192.0.2.1" }), expect.objectContaining({ check: "ping", host: "192.0.2.1" })]);

    const open = await (await v3("/alerts/")).json();
    expect(open).toEqual([expect.objectContaining({ alert_type: "check", agent: agent.agentId, severity: "warning", message: expect.stringMatching(/^Check "Root" \(diskspace\) failing: \/ 50% used/) })]);
    expect(await events("remediation-request")).toEqual([expect.objectContaining({ alertId: open[0].id, scriptName: "clean-disk" })]);
  });

  it("runs the remediation on the agent as a recorded script run, and says so", async () => {
    expect(await runPendingRemediations(system("system:remediation"))).toBe(1);
    expect(scriptRuns).toEqual([expect.objectContaining({ language: "bash", content: "echo cleaned" })]);
    const runs = await listScriptRuns({ db: h.t.db }, { agentId: agent.agentId });
    expect(runs).toEqual([expect.objectContaining({ scriptName: "clean-disk", requestedBy: "system:remediation", status: "succeeded", exitCode: 0 })]);
    expect(await events("remediation-result")).toEqual([expect.objectContaining({ scriptName: "clean-disk", status: "succeeded", scriptRunId: runs[0]!.id, exitCode: 0 })]);
  });

  it("resolves the alert by itself once the check passes again", async () => {
    await setFreeBytes(90);
    await runChecks(system("system:checks"));
    expect(await (await v3("/alerts/")).json()).toEqual([]);
    const [resolved] = await h.t.db.select().from(alerts).where(eq(alerts.checkId, diskCheckId));
    expect(resolved).toMatchObject({ status: "resolved", resolvedBy: "auto" });
    expect((await (await operator()).checks.list({ agentId: agent.agentId })).find((check) => check.id === diskCheckId)).toMatchObject({ status: "passing" });
  });

  it("does not run the same script on the same agent twice within the rate limit", async () => {
    const start = Date.now();
    await setFreeBytes(10);
    await runChecks(system("system:checks")); // raised again: a second remediation request
    expect(await runPendingRemediations(system("system:remediation"), () => new Date(start + 60_000))).toBe(1);
    expect(scriptRuns).toHaveLength(1);
    const results = await events("remediation-result");
    expect(results.at(-1)).toMatchObject({ status: "skipped", reason: expect.stringMatching(/^rate-limited/) });

    await setFreeBytes(90);
    await runChecks(system("system:checks"));
    await setFreeBytes(10);
    await runChecks(system("system:checks"));
    expect(await runPendingRemediations(system("system:remediation"), () => new Date(start + RATE_LIMIT_MS + 60_000))).toBe(1);
    expect(scriptRuns).toHaveLength(2);
  });

  it("does not run a remediation script that awaits four-eyes approval, and says why", async () => {
    const created = await (await admin()).scripts.create({ name: "risky-fix", language: "bash", content: "rm -rf /tmp/cache", requiresApproval: true });
    const profile = await (await admin()).monitoring.createAlertProfile({ name: "Risky", remediationScript: "risky-fix" });
    await (await operator()).checks.create({ agentId: agent.agentId, name: "CPU", alertProfileId: profile.id, config: { checkType: "cpuload", threshold: 1 } });
    const metrics = { at: new Date().toISOString(), cpuPercent: 80, memoryPercent: 10, diskPercent: 10, network: { rxBytesPerSec: 0, txBytesPerSec: 0 } };
    await h.t.db.update(agents).set({ metrics }).where(eq(agents.id, agent.agentId));
    await runChecks(system("system:checks"));
    expect(await runPendingRemediations(system("system:remediation"))).toBe(1);
    expect(scriptRuns).toHaveLength(2);
    const [row] = await h.t.db.select().from(remediations).where(eq(remediations.scriptName, "risky-fix"));
    expect(row).toMatchObject({ status: "skipped", reason: expect.stringMatching(/has not been approved/) });
    expect((await events("remediation-result")).at(-1)).toMatchObject({ scriptName: "risky-fix", status: "skipped", reason: expect.stringMatching(/has not been approved/) });

    // Once a second admin approved it, the next alert runs it: the refused attempt did not count for the rate limit.
    const script = await (await admin()).scripts.get({ scriptId: created.id });
    await callerAs(h.t.db, await actorFor(h.t.db, "bea")).scripts.approve({ scriptId: created.id, versionId: script.versions[0]!.id });
    await h.t.db.update(agents).set({ metrics: { ...metrics, cpuPercent: 0 } }).where(eq(agents.id, agent.agentId));
    await runChecks(system("system:checks"));
    await h.t.db.update(agents).set({ metrics }).where(eq(agents.id, agent.agentId));
    await runChecks(system("system:checks"));
    expect(await runPendingRemediations(system("system:remediation"))).toBe(1);
    expect(scriptRuns).toHaveLength(3);
    expect((await events("remediation-result")).at(-1)).toMatchObject({ scriptName: "risky-fix", status: "succeeded" });
  });

  it("removes a check through the API, closing its open alert; a viewer may not", async () => {
    const viewer = callerAs(h.t.db, await actorFor(h.t.db, "vic"));
    await expect(viewer.checks.delete({ id: diskCheckId })).rejects.toThrow(/operator/i);
    expect((await h.t.db.select().from(alerts).where(eq(alerts.checkId, diskCheckId))).map((alert) => alert.status)).toContain("open");
    const removed = await handlers.v3Handler(apiRequest(`/api/v3/checks/${diskCheckId}/`, { method: "DELETE", headers: { "x-api-key": operatorKey } }));
    expect(await removed.json()).toEqual({ id: diskCheckId });
    expect(await h.t.db.select().from(alerts).where(eq(alerts.checkId, diskCheckId))).not.toContainEqual(expect.objectContaining({ status: "open" }));
    expect(await h.t.db.select().from(alerts).where(eq(alerts.checkId, diskCheckId))).toContainEqual(expect.objectContaining({ status: "resolved", resolvedBy: "check removed" }));
    expect((await (await v3(`/checks/?agent=${encodeURIComponent(agent.agentId)}`)).json()).map((check: { id: number }) => check.id)).not.toContain(diskCheckId);
    expect((await handlers.v3Handler(apiRequest(`/api/v3/checks/${diskCheckId}/`, { method: "DELETE", headers: { "x-api-key": operatorKey } }))).status).toBe(404);
  });

  it("queues the remediation of a monitoring rule's alert too", async () => {
    const profile = await (await admin()).monitoring.createAlertProfile({ name: "Rule fix", remediationScript: "clean-disk" });
    const rule = { id: randomUUID(), metric: "ram" as const, threshold: 75, windowSeconds: 30, comparison: "gte" as const, severity: "warning" as const };
    const raised = await raiseRuleAlert(h.t.db, { agentId: agent.agentId, agentName: "file-01", profile: { id: randomUUID(), name: "Memory", alertProfileId: profile.id }, rule, value: 90 });
    expect(raised).toBe(true);
    const [alert] = await h.t.db.select().from(alerts).where(eq(alerts.ruleId, rule.id));
    expect((await events("remediation-request")).at(-1)).toMatchObject({ alertId: alert!.id, scriptName: "clean-disk" });
    expect(await h.t.db.select().from(remediations).where(eq(remediations.alertId, alert!.id))).toEqual([expect.objectContaining({ status: "pending", scriptName: "clean-disk" })]);
  });
});
