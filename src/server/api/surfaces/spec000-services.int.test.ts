/**
 * OS services through spec 000's paths (the real dispatcher), with a real gateway and a scripted agent:
 * the live list, start/stop/restart with its audit entry, and the 400 / 403 / 404 / 502 answers.
 */
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeAgent } from "../../../test/fake-agent";
import type { GatewayHarness } from "../../../test/gateway-harness";
import { startSpec000Harness, type Spec000Harness } from "../../../test/spec000-harness";
import { auditLog, commands } from "../../db/schema";

let s: Spec000Harness<"op" | "view">;
let h: GatewayHarness;
let agent: FakeAgent;
let operatorCookie: string;
let viewerCookie: string;
let call: (request: Request) => Promise<Response>;

const SERVICES = [
  { name: "nginx.service", displayName: "A high performance web server", status: "running", startType: "enabled" },
  { name: "ssh.service", displayName: "OpenBSD Secure Shell server", status: "stopped", startType: "disabled" },
];

beforeAll(async () => {
  s = await startSpec000Harness({ users: { op: "operator", view: "viewer" } });
  ({ h, agent, call } = s);
  operatorCookie = s.cookies.op;
  viewerCookie = s.cookies.view;
  agent.handlers.set("list-services", () => ({ services: SERVICES }));
  // The scripted agent knows the listed services only, as the real one does.
  agent.handlers.set("manage-service", (command) => {
    if (!SERVICES.some((service) => service.name === command.serviceName)) {
      agent.send({ type: "command-result", commandId: command.commandId, ok: false, error: { code: "not-found", message: `no service named ${String(command.serviceName)}` } });
      return undefined;
    }
    return { serviceName: command.serviceName, action: command.action, status: command.action === "stop" ? "stopped" : "running" };
  });
});
afterAll(async () => {
  await s.stop();
});

const req = (path: string, cookie: string, body?: unknown) =>
  new Request(`http://localhost${path}`, { method: body === undefined ? "GET" : "POST", headers: { cookie, "x-rmm-client-ip": "10.2.2.3", "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
const actionPath = (serviceName: string, agentId = agent.agentId) => `/agent/${agentId}/service/${encodeURIComponent(serviceName)}/action`;
const manageCommands = async () => (await h.t.db.select().from(commands).where(eq(commands.type, "manage-service"))).length;

describe("services over REST", () => {
  it("lists the agent's services live, for viewers too", async () => {
    const response = await call(req(`/agent/${agent.agentId}/services`, viewerCookie));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.services).toEqual(SERVICES);
    expect(Date.parse(body.retrievedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("stops and restarts a service (operator), audited with the service's name", async () => {
    const stopped = await call(req(actionPath("ssh.service"), operatorCookie, { action: "stop" }));
    expect(await stopped.json()).toEqual({ serviceName: "ssh.service", action: "stop", status: "stopped" });
    expect(await (await call(req(actionPath("nginx.service"), operatorCookie, { action: "restart" }))).json()).toMatchObject({ status: "running" });
    const [sent] = await h.t.db.select().from(commands).where(eq(commands.type, "manage-service")).limit(1);
    expect(sent?.payload).toMatchObject({ serviceName: "ssh.service", action: "stop" });
    const entries = await h.t.db.select().from(auditLog).where(like(auditLog.action, "service.%"));
    expect(entries.map((entry) => [entry.action, entry.actor, entry.target, entry.success, entry.details])).toEqual([
      ["service.stop", "op", agent.agentId, true, { serviceName: "ssh.service" }],
      ["service.restart", "op", agent.agentId, true, { serviceName: "nginx.service" }],
    ]);
  });

  it("answers 404 for a service the agent does not have, and audits the failure", async () => {
    const response = await call(req(actionPath("nope.service"), operatorCookie, { action: "start" }));
    expect(response.status).toBe(404);
    expect((await response.json()).error).toContain("no service named nope.service");
    const [entry] = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "service.start"));
    expect(entry).toMatchObject({ success: false, details: { serviceName: "nope.service", error: expect.stringContaining("nope.service") } });
  });

  it("refuses a viewer's action (403) and an unknown action (400) before anything reaches the agent", async () => {
    const before = await manageCommands();
    expect((await call(req(actionPath("ssh.service"), viewerCookie, { action: "stop" }))).status).toBe(403);
    for (const action of ["kill", "", null, 1]) {
      const response = await call(req(actionPath("ssh.service"), operatorCookie, { action }));
      expect(response.status, String(action)).toBe(400);
      expect((await response.json()).details).toContainEqual(expect.objectContaining({ field: "action" }));
    }
    expect(await manageCommands()).toBe(before);
  });

  it("answers 404 for an unknown agent and 502 with the agent's reason where there is no service manager", async () => {
    expect((await call(req("/agent/nope/services", viewerCookie))).status).toBe(404);
    const container = await FakeAgent.connect({ url: h.url, token: await h.token() });
    container.handlers.set("list-services", (command) => {
      container.send({ type: "command-result", commandId: command.commandId, ok: false, error: { code: "unsupported", message: "systemd is not running on this machine" } });
      return undefined;
    });
    const response = await call(req(`/agent/${container.agentId}/services`, viewerCookie));
    expect(response.status).toBe(502);
    expect((await response.json()).error).toMatch(/could not run 'list-services': systemd is not running on this machine/);
    await container.close();
  });
});
