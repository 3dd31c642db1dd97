/**
 * Device actions with a real gateway and a scripted agent: `POST /clients/{agentId}/action` through
 * spec 000's dispatcher, and the bulk form from the device list (per-device outcome, offline ones
 * skipped, another client's device refused as a whole).
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser, testServiceContext } from "../../../test/actors";
import type { FakeAgent } from "../../../test/fake-agent";
import type { GatewayHarness } from "../../../test/gateway-harness";
import { startSpec000Harness, type Spec000Harness } from "../../../test/spec000-harness";
import { agents, auditLog, commands, users } from "../../db/schema";
import { createClient } from "../../services/clients";

let s: Spec000Harness<"op" | "view">;
let h: GatewayHarness;
let agent: FakeAgent;
let operatorCookie: string;
let viewerCookie: string;
let call: (request: Request) => Promise<Response>;
let offlineId: string;
const received: Record<string, unknown>[] = [];

beforeAll(async () => {
  s = await startSpec000Harness({ users: { op: "operator", view: "viewer" }, agentName: "RECEPTION-PC" });
  ({ h, agent, call } = s);
  operatorCookie = s.cookies.op;
  viewerCookie = s.cookies.view;
  agent.handlers.set("invoke-action", (command) => {
    received.push(command);
    return { accepted: true };
  });
  const [row] = await h.t.db.select({ siteId: agents.siteId }).from(agents).where(eq(agents.id, agent.agentId));
  offlineId = "offline-pc";
  await h.t.db.insert(agents).values({ id: offlineId, name: "OFFLINE-PC", secretHash: "x", siteId: row!.siteId, status: "offline" });
});
afterAll(async () => {
  await s.stop();
});

const post = (path: string, cookie: string, body: unknown) =>
  call(new Request(`http://localhost${path}`, { method: "POST", headers: { cookie, "x-rmm-client-ip": "10.2.2.2", "content-type": "application/json" }, body: JSON.stringify(body) }));
const actionCommands = () => h.t.db.select().from(commands).where(eq(commands.type, "invoke-action"));
const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (error: { code?: string }) => error.code);

describe("POST /clients/{agentId}/action", () => {
  it("sends invoke-action, answers once the agent accepts, and audits it with the schedule", async () => {
    const response = await post(`/clients/${agent.agentId}/action`, operatorCookie, { action: "restart", scheduleId: "nightly" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ agentId: agent.agentId, action: "restart", accepted: true });
    expect(received.at(-1)).toMatchObject({ type: "invoke-action", action: "restart", scheduleId: "nightly" });
    const entries = await h.t.db.select().from(auditLog).where(and(eq(auditLog.action, "agent.action"), eq(auditLog.target, agent.agentId)));
    expect(entries).toMatchObject([{ actor: "op", success: true, details: { action: "restart", scheduleId: "nightly" } }]);
  });

  it("refuses a viewer (403) and an unknown action (400) before anything reaches the agent", async () => {
    const before = (await actionCommands()).length;
    expect((await post(`/clients/${agent.agentId}/action`, viewerCookie, { action: "shutdown" })).status).toBe(403);
    const bad = await post(`/clients/${agent.agentId}/action`, operatorCookie, { action: "format-disk" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).details).toContainEqual(expect.objectContaining({ field: "action" }));
    expect((await actionCommands()).length).toBe(before);
  });

  it("answers 503 for an offline device and 404 for an unknown one, and audits the failure", async () => {
    expect((await post(`/clients/${offlineId}/action`, operatorCookie, { action: "shutdown" })).status).toBe(503);
    expect((await post("/clients/nope/action", operatorCookie, { action: "shutdown" })).status).toBe(404);
    const [entry] = await h.t.db.select().from(auditLog).where(and(eq(auditLog.action, "agent.action"), eq(auditLog.target, offlineId)));
    expect(entry).toMatchObject({ success: false, details: { action: "shutdown" } });
  });

  it("reports an agent's refusal as an agent error (502)", async () => {
    agent.handlers.set("invoke-action", (command) => {
      agent.send({ type: "command-result", commandId: command.commandId, ok: false, error: { code: "unsupported", message: "the agent is not installed as a service" } });
      return undefined;
    });
    const response = await post(`/clients/${agent.agentId}/action`, operatorCookie, { action: "restart-agent" });
    expect(response.status).toBe(502);
    expect((await response.json()).error).toMatch(/not installed as a service/);
    agent.handlers.set("invoke-action", (command) => {
      received.push(command);
      return { accepted: true };
    });
  });
});

describe("action-result", () => {
  it("records the agent's later report of a refused restart in the audit log", async () => {
    const commandId = randomUUID();
    agent.send({ type: "action-result", commandId, action: "restart", scheduleId: "nightly", status: "failed", message: "Access is denied.", at: new Date().toISOString() });
    await expect
      .poll(() => h.t.db.select().from(auditLog).where(and(eq(auditLog.action, "agent.action-result"), eq(auditLog.target, agent.agentId))))
      .toMatchObject([{ actor: null, success: false, details: { commandId, action: "restart", scheduleId: "nightly", message: "Access is denied." } }]);
  });
});

describe("agents.invokeActionMany", () => {
  it("sends to each online device and lists offline ones as skipped", async () => {
    const operator = callerAs(h.t.db, await actorFor(h.t.db, "op"), { waiters: h.waiters });
    const before = received.length;
    const result = await operator.agents.invokeActionMany({ agentIds: [agent.agentId, offlineId], action: "shutdown" });
    expect(result).toEqual({
      action: "shutdown",
      results: [
        { agentId: agent.agentId, name: "RECEPTION-PC", outcome: "accepted" },
        { agentId: offlineId, name: "OFFLINE-PC", outcome: "skipped", message: "offline" },
      ],
    });
    expect(received.slice(before)).toEqual([expect.objectContaining({ action: "shutdown" })]);
    const [entry] = await h.t.db.select().from(auditLog).where(and(eq(auditLog.action, "agent.action"), eq(auditLog.target, agent.agentId), eq(auditLog.success, true))).orderBy(auditLog.id).limit(1).offset(1);
    expect(entry).toMatchObject({ details: { action: "shutdown", bulk: true } });
  });

  it("refuses a viewer, and refuses the whole selection when one device is another client's", async () => {
    const viewer = callerAs(h.t.db, await actorFor(h.t.db, "view"), { waiters: h.waiters });
    expect(await codeOf(viewer.agents.invokeActionMany({ agentIds: [agent.agentId], action: "restart" }))).toBe("FORBIDDEN");

    const other = await createClient(testServiceContext(h.t.db), { name: "Other Corp", siteName: "Other HQ" });
    await seedUser(h.t.db, "rita", "operator");
    await h.t.db.update(users).set({ clientIds: [other.id] }).where(eq(users.username, "rita"));
    const [mine] = await h.t.db.insert(agents).values({ id: "other-pc", name: "OTHER-PC", secretHash: "x", siteId: other.sites[0]!.id, status: "offline" }).returning();
    const restricted = callerAs(h.t.db, await actorFor(h.t.db, "rita"), { waiters: h.waiters });
    const before = (await actionCommands()).length;
    expect(await codeOf(restricted.agents.invokeActionMany({ agentIds: [mine!.id, agent.agentId], action: "restart" }))).toBe("NOT_FOUND");
    expect((await actionCommands()).length).toBe(before);
    expect(await restricted.agents.invokeActionMany({ agentIds: [mine!.id], action: "restart" })).toMatchObject({ results: [{ agentId: "other-pc", outcome: "skipped" }] });
  });
});
