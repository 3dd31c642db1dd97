/**
 * The script library through the real dispatchers of specs 000, 003 and 001 and the dashboard's
 * procedures, with a real gateway and a scripted agent: versions on every content change,
 * four-eyes approval (the author cannot approve; an unapproved version is refused; a second
 * admin's approval lets it run), and every run recorded with who, where, which hash and the output.
 */
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser } from "../../../test/actors";
import { FakeAgent } from "../../../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../../../test/gateway-harness";
import { apiRequest } from "../../../test/http";
import { auditLog, scriptRuns } from "../../db/schema";
import { createApiKey } from "../../services/api-keys";
import { monitoringHistory } from "../../services/monitoring-history";
import { createServiceContext } from "../../services/service-context";
import { sha256Of } from "../../services/scripts";

let h: GatewayHarness;
let agent: FakeAgent;
let spec000: (request: Request) => Promise<Response>;
let v3: (request: Request) => Promise<Response>;
let v1: (request: Request) => Promise<Response>;
const cookies: Record<string, string> = {};
const keys: Record<string, string> = {};
/** What the scripted agent received, newest last. */
const ran: Record<string, unknown>[] = [];

beforeAll(async () => {
  h = await startGatewayHarness();
  Object.assign(process.env, { DATABASE_URL: h.t.url, AUTH_SECRET: "s".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  const [{ createSurfaceHandler }, { spec000Surface }, { v3Surface }, { v1Surface }, { credentialResolvers }] = await Promise.all([
    import("../dispatch"),
    import("./spec000"),
    import("./v3"),
    import("./v1"),
    import("../credential-resolvers"),
  ]);
  const options = { credentials: credentialResolvers, commandTimeoutMs: 5_000 };
  spec000 = createSurfaceHandler(spec000Surface, options);
  v3 = createSurfaceHandler(v3Surface, options);
  v1 = createSurfaceHandler(v1Surface, options);
  for (const [name, role] of [["ada", "admin"], ["bob", "admin"], ["otto", "operator"], ["vera", "viewer"]] as const) {
    await seedUser(h.t.db, name, role, { password: `${name}-password` });
    cookies[name] = await signIn(name);
    const ctx = createServiceContext({ db: h.t.db, actor: await actorFor(h.t.db, name), clientIp: "127.0.0.1", waiters: () => h.waiters });
    keys[name] = (await createApiKey(ctx, { name: `${name} key`, role })).key;
  }
  agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
  agent.handlers.set("run-script", (command) => {
    ran.push(command);
    const args = command.args as string[];
    return { exitCode: args.includes("fail") ? 3 : 0, stdout: `${String(command.language)}:${args.join("|")}\n`, stderr: "", timedOut: false, durationMs: 1250 };
  });
});
afterAll(async () => {
  await agent.close();
  await (await import("../../bus/web-bus")).getBusListener().close();
  await (await import("../../db/client")).closeDb();
  await h.stop();
});

async function signIn(username: string) {
  const response = await spec000(apiRequest("/auth/login", { body: { username, password: `${username}-password` } }));
  return response.headers.get("set-cookie")!.split(";")[0]!;
}
const asUser = (user: string, path: string, body?: unknown) => apiRequest(path, { body, headers: { cookie: cookies[user]! } });
const withKey = (user: string, path: string, body?: unknown) => apiRequest(path, { body, headers: { "x-api-key": keys[user]! } });
const caller = async (user: string) => callerAs(h.t.db, await actorFor(h.t.db, user), { waiters: h.waiters, commandTimeoutMs: 5_000 });

describe("the library and its versions", () => {
  it("creates a script (admin) and lists it with its language, version and hash on every surface", async () => {
    const created = await spec000(asUser("ada", "/scripts", { name: "disk-report", description: "Free space", language: "bash", content: "df -h" }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: "disk-report", language: "bash", version: 1, sha256: sha256Of("df -h"), approval: "not-required", author: "ada" });

    const list = await (await spec000(asUser("vera", "/scripts"))).json();
    expect(list).toEqual([expect.objectContaining({ name: "disk-report", description: "Free space", language: "bash", version: 1 })]);
    expect(await (await spec000(asUser("vera", "/remediation/scripts"))).json()).toEqual(list);
    expect(await (await spec000(asUser("vera", "/scripts/disk-report/content"))).json()).toEqual({ name: "disk-report", content: "df -h" });
    expect(await (await v3(withKey("vera", "/api/v3/scripts/"))).json()).toEqual([{ id: list[0].id, name: "disk-report", shell: "bash", description: "Free space" }]);
    expect((await (await v1(withKey("vera", "/api/v1/scripts/"))).json()).data).toMatchObject({ total: 1, items: [{ id: list[0].id, name: "disk-report", language: "bash", version: 1 }] });
  });

  it("refuses a taken name (409), a non-admin (403) and an unknown script (404)", async () => {
    expect((await spec000(asUser("bob", "/scripts", { name: "DISK-REPORT", content: "x" }))).status).toBe(409);
    expect((await spec000(asUser("otto", "/scripts", { name: "other", content: "x" }))).status).toBe(403);
    expect((await spec000(asUser("vera", "/scripts/nope/content"))).status).toBe(404);
  });

  it("makes a new version on a content or language change only, keeping the history", async () => {
    const ada = await caller("ada");
    const [script] = await ada.scripts.list();
    const described = await ada.scripts.update({ scriptId: script!.id, description: "Disk space" });
    expect(described).toMatchObject({ version: 1, description: "Disk space" });
    const changed = await (await caller("bob")).scripts.update({ scriptId: script!.id, content: "df -h /" });
    expect(changed).toMatchObject({ version: 2, sha256: sha256Of("df -h /"), author: "bob" });
    const detail = await ada.scripts.get({ scriptId: script!.id });
    expect(detail.content).toBe("df -h /");
    expect(detail.versions.map((version) => [version.version, version.author, version.sha256])).toEqual([
      [2, "bob", sha256Of("df -h /")],
      [1, "ada", sha256Of("df -h")],
    ]);
  });
});

describe("runs", () => {
  it("runs a script on the agent with output wait (spec 003): exit code, output and execution time, recorded with its hash", async () => {
    const [script] = await (await caller("vera")).scripts.list();
    const response = await v3(withKey("otto", `/api/v3/agents/${agent.agentId}/runscript/`, { script: script!.id, output: "wait", args: ["a b", "$(x)"], timeout: 90 }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ execution_time: "1.25", retcode: 0, stdout: "bash:a b|$(x)\n", stderr: "" });
    expect(ran.at(-1)).toMatchObject({ language: "bash", content: "df -h /", args: ["a b", "$(x)"], timeoutSeconds: 90 });

    const [run] = await h.t.db.select().from(scriptRuns).where(eq(scriptRuns.agentId, agent.agentId));
    expect(run).toMatchObject({ requestedBy: "otto", sha256: sha256Of("df -h /"), args: ["a b", "$(x)"], status: "succeeded", exitCode: 0, stdout: "bash:a b|$(x)\n" });
    expect(run!.finishedAt).not.toBeNull();
    const [entry] = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "script.run"));
    expect(entry).toMatchObject({ actor: "otto", target: agent.agentId, success: true, details: expect.objectContaining({ script: "disk-report", version: 2, exitCode: 0 }) });
  });

  it("answers output forget at once with Tactical RMM's sentence, and records the result when the agent answers", async () => {
    const [script] = await (await caller("vera")).scripts.list();
    const before = (await h.t.db.select().from(scriptRuns)).length;
    const response = await v3(withKey("otto", `/api/v3/agents/${agent.agentId}/runscript/`, { script: script!.id, output: "forget", args: ["later"] }));
    expect(response.status).toBe(200);
    expect(await response.json()).toBe("disk-report will now be run on fake-host");
    await expect.poll(async () => (await h.t.db.select().from(scriptRuns).where(eq(scriptRuns.status, "succeeded"))).map((run) => run.stdout)).toContain("bash:later\n");
    expect((await h.t.db.select().from(scriptRuns)).length).toBe(before + 1);
  });

  it("refuses a timeout above 300 s and a viewer", async () => {
    const [script] = await (await caller("vera")).scripts.list();
    expect((await v3(withKey("otto", `/api/v3/agents/${agent.agentId}/runscript/`, { script: script!.id, output: "wait", args: [], timeout: 301 }))).status).toBe(400);
    expect((await v3(withKey("vera", `/api/v3/agents/${agent.agentId}/runscript/`, { script: script!.id, output: "wait", args: [] }))).status).toBe(403);
  });

  it("starts a script by name on several agents (spec 000): 202 with the started and the unknown ones, the result recorded later", async () => {
    const response = await spec000(asUser("otto", "/scripts/run", { scriptName: "disk-report", agentIds: [agent.agentId, "no-such-agent"] }));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ triggered: [agent.agentId], missing: ["no-such-agent"] });
    await expect.poll(async () => (await h.t.db.select().from(scriptRuns).where(and(eq(scriptRuns.agentId, agent.agentId), eq(scriptRuns.status, "succeeded")))).length).toBe(3);
    // The monitoring stream tells of the run, device by device.
    const events = await monitoringHistory({ db: h.t.db, actor: await actorFor(h.t.db, "otto") }, { agentId: agent.agentId, limit: 50 });
    expect(events.filter((entry) => entry.eventName === "script-run").at(-1)?.payload).toMatchObject({ type: "script-run", agentId: agent.agentId, scriptName: "disk-report", requestedBy: "otto" });
  });

  it("executes by id and waits for every result (spec 001), a failing exit code recorded as failed", async () => {
    const [script] = await (await caller("vera")).scripts.list();
    const response = await v1(withKey("otto", `/api/v1/scripts/${script!.id}/execute`, { agent_ids: [agent.agentId], args: ["fail"] }));
    expect(response.status).toBe(200);
    expect((await response.json()).data).toMatchObject({ script: "disk-report", missing: [], runs: [{ agent_uuid: agent.agentId, status: "failed", exit_code: 3, sha256: sha256Of("df -h /") }] });
  });
});

it("records a run on an offline agent as an error, and answers 503 when waiting on it", async () => {
  const offline = await FakeAgent.connect({ url: h.url, token: await h.token(), name: "gone-host" });
  await offline.close();
  await expect.poll(async () => (await (await caller("vera")).agents.get({ agentId: offline.agentId })).status).toBe("offline");
  const [script] = await (await caller("vera")).scripts.list();
  const waited = await v3(withKey("otto", `/api/v3/agents/${offline.agentId}/runscript/`, { script: script!.id, output: "wait", args: [] }));
  expect(waited.status).toBe(503);
  const many = await (await caller("otto")).scripts.run({ scriptId: script!.id, agentIds: [offline.agentId, agent.agentId] });
  expect(many.runs.map((run) => [run.agentId, run.status])).toEqual([
    [offline.agentId, "error"],
    [agent.agentId, "succeeded"],
  ]);
  expect(many.runs[0]!.error).toMatch(/offline/);
  const stored = await h.t.db.select().from(scriptRuns).where(eq(scriptRuns.agentId, offline.agentId));
  expect(stored.map((run) => [run.status, run.requestedBy, run.finishedAt !== null])).toEqual([
    ["error", "otto", true],
    ["error", "otto", true],
  ]);
});

it("confines runs and their history to the agents of the caller's clients", async () => {
  const otto = await actorFor(h.t.db, "otto");
  const restricted = callerAs(h.t.db, { ...otto, clientIds: [9999] }, { waiters: h.waiters, commandTimeoutMs: 5_000 });
  const [script] = await restricted.scripts.list();
  const before = (await h.t.db.select().from(scriptRuns)).length;
  await expect(restricted.scripts.run({ scriptId: script!.id, agentIds: [agent.agentId] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  await expect(restricted.scripts.runOnAgent({ agentId: agent.agentId, scriptId: script!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  expect((await h.t.db.select().from(scriptRuns)).length).toBe(before);
  expect((await restricted.scripts.get({ scriptId: script!.id })).runs).toEqual([]);
  expect((await (await caller("otto")).scripts.get({ scriptId: script!.id })).runs.length).toBeGreaterThan(0);
});

describe("four-eyes approval", () => {
  let scriptId: number;

  it("refuses to run an unapproved version (409) and records the refusal", async () => {
    const created = await (await caller("ada")).scripts.create({ name: "cleanup", language: "python", content: "print('x')", requiresApproval: true });
    scriptId = created.id;
    expect(created.approval).toBe("pending");
    const response = await v3(withKey("otto", `/api/v3/agents/${agent.agentId}/runscript/`, { script: scriptId, output: "wait", args: [] }));
    expect(response.status).toBe(409);
    expect((await response.json()).detail).toMatch(/has not been approved: an admin other than its author must approve it/);
    expect(ran.some((command) => command.content === "print('x')")).toBe(false);
    const refusals = await h.t.db.select().from(auditLog).where(and(eq(auditLog.action, "script.run"), eq(auditLog.target, "cleanup")));
    expect(refusals.map((entry) => [entry.actor, entry.success, entry.details])).toEqual([["otto", false, { scriptId, version: 1, error: "not approved" }]]);
  });

  it("does not let the author approve their own version (403)", async () => {
    const ada = await caller("ada");
    const { versionId } = await ada.scripts.get({ scriptId });
    await expect(ada.scripts.approve({ scriptId, versionId })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/other than its author/) });
    await expect((await caller("otto")).scripts.approve({ scriptId, versionId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await ada.scripts.get({ scriptId })).approval).toBe("pending");
  });

  it("runs once a second admin approved, and asks again for a new version", async () => {
    const bob = await caller("bob");
    const { versionId } = await bob.scripts.get({ scriptId });
    expect(await bob.scripts.approve({ scriptId, versionId })).toMatchObject({ approvedBy: "bob", approvedAt: expect.any(String) });
    const response = await v3(withKey("otto", `/api/v3/agents/${agent.agentId}/runscript/`, { script: scriptId, output: "wait", args: ["ok"] }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ retcode: 0, stdout: "python:ok\n" });

    await expect((await caller("ada")).scripts.update({ scriptId, requiresApproval: false })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/cannot be switched off/) });
    const changed = await (await caller("ada")).scripts.update({ scriptId, content: "print('y')" });
    expect(changed).toMatchObject({ version: 2, approval: "pending" });
    expect((await v3(withKey("otto", `/api/v3/agents/${agent.agentId}/runscript/`, { script: scriptId, output: "wait", args: [] }))).status).toBe(409);
    const entries = await h.t.db.select().from(auditLog).where(like(auditLog.action, "script.approve"));
    expect(entries.map((entry) => [entry.actor, entry.success])).toEqual([
      ["ada", false],
      ["bob", true],
    ]);
  });
});
