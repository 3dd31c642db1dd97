/**
 * Process management through the documented REST paths, with a real gateway and a scripted agent:
 * snapshot, refresh, kill, and the 400 / 404 / 503 / 504 answers.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser } from "../../test/actors";
import { FakeAgent, processListResult } from "../../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../../test/gateway-harness";
import { auditLog, commands } from "../db/schema";

let h: GatewayHarness;
let agent: FakeAgent;
let operatorCookie: string;
let viewerCookie: string;
let routes: {
  login: typeof import("../../app/auth/login/route");
  data: typeof import("../../app/processes/[agentId]/data/route");
  refresh: typeof import("../../app/processes/[agentId]/refresh/route");
  kill: typeof import("../../app/processes/[agentId]/kill/route");
};

beforeAll(async () => {
  h = await startGatewayHarness();
  Object.assign(process.env, { DATABASE_URL: h.t.url, AUTH_SECRET: "p".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  routes = {
    login: await import("../../app/auth/login/route"),
    data: await import("../../app/processes/[agentId]/data/route"),
    refresh: await import("../../app/processes/[agentId]/refresh/route"),
    kill: await import("../../app/processes/[agentId]/kill/route"),
  };
  await seedUser(h.t.db, "op", "operator", { password: "op-password" });
  await seedUser(h.t.db, "view", "viewer", { password: "view-password" });
  operatorCookie = await signIn("op", "op-password");
  viewerCookie = await signIn("view", "view-password");
  agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
});
afterAll(async () => {
  await agent.close();
  await (await import("../bus/web-bus")).getBusListener().close();
  await (await import("../db/client")).closeDb();
  await h.stop();
});

async function signIn(username: string, password: string) {
  const response = await routes.login.POST(new Request("http://localhost/auth/login", { method: "POST", body: JSON.stringify({ username, password }), headers: { "x-rmm-client-ip": "10.2.2.2" } }));
  return response.headers.get("set-cookie")!.split(";")[0]!;
}
const req = (path: string, cookie: string, body?: unknown) =>
  new Request(`http://localhost${path}`, { method: body === undefined && !path.endsWith("refresh") ? "GET" : "POST", headers: { cookie, "x-rmm-client-ip": "10.2.2.2" }, body: body === undefined ? undefined : JSON.stringify(body) });
const params = (agentId: string) => ({ params: Promise.resolve({ agentId }) });

describe("process management over REST", () => {
  it("has no snapshot before the first refresh; refresh fetches and stores one", async () => {
    expect(await (await routes.data.GET(req(`/processes/${agent.agentId}/data`, viewerCookie), params(agent.agentId))).json()).toEqual({ snapshot: null });
    agent.handlers.set("list-processes", () => processListResult([{ pid: 4321, name: "notepad.exe" }]));
    const refreshed = await routes.refresh.POST(req(`/processes/${agent.agentId}/refresh`, viewerCookie), params(agent.agentId));
    expect(refreshed.status).toBe(200);
    const data = await (await routes.data.GET(req(`/processes/${agent.agentId}/data`, viewerCookie), params(agent.agentId))).json();
    expect(data.snapshot).toMatchObject({ cpuPercent: 12.5, memoryPercent: 40, diskPercent: 55, network: { rxBytesPerSec: 100, txBytesPerSec: 50 } });
    expect(data.snapshot.processes).toEqual([expect.objectContaining({ pid: 4321, name: "notepad.exe" })]);
  });

  it("kills a process (operator) and audits it", async () => {
    agent.handlers.set("kill-process", (command) => ({ processId: command.processId, killed: true }));
    const response = await routes.kill.POST(req(`/processes/${agent.agentId}/kill`, operatorCookie, { processId: 4321 }), params(agent.agentId));
    expect(await response.json()).toEqual({ processId: 4321, killed: true });
    const [entry] = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "process.kill"));
    expect(entry).toMatchObject({ actor: "op", target: agent.agentId, success: true, details: { processId: 4321 } });
  });

  it("refuses a viewer's kill (403) and a bad PID (400) before anything reaches the agent", async () => {
    const before = (await h.t.db.select().from(commands).where(eq(commands.type, "kill-process"))).length;
    expect((await routes.kill.POST(req(`/processes/${agent.agentId}/kill`, viewerCookie, { processId: 1 }), params(agent.agentId))).status).toBe(403);
    for (const processId of [0, -1, 1.5, "12", null]) {
      const response = await routes.kill.POST(req(`/processes/${agent.agentId}/kill`, operatorCookie, { processId }), params(agent.agentId));
      expect(response.status, String(processId)).toBe(400);
      expect((await response.json()).details).toContainEqual(expect.objectContaining({ field: "processId" }));
    }
    expect((await routes.kill.POST(req(`/processes/${agent.agentId}/kill`, operatorCookie, [1]), params(agent.agentId))).status).toBe(400);
    expect((await h.t.db.select().from(commands).where(eq(commands.type, "kill-process"))).length).toBe(before);
  });

  it("answers 404 for an unknown agent, 503 for an offline one, 504 when the agent is silent", async () => {
    expect((await routes.refresh.POST(req("/processes/nope/refresh", viewerCookie), params("nope"))).status).toBe(404);

    const silent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    silent.handlers.set("list-processes", () => undefined);
    const started = Date.now();
    const timedOut = await routes.refresh.POST(req(`/processes/${silent.agentId}/refresh`, viewerCookie), params(silent.agentId));
    expect(timedOut.status).toBe(504);
    expect((await timedOut.json()).error).toMatch(new RegExp(`${silent.agentId}.*list-processes`));
    expect(Date.now() - started).toBeGreaterThanOrEqual(29_000);

    await silent.close();
    await expect.poll(async () => (await h.t.sql`select status from agents where id = ${silent.agentId}`)[0]?.status).toBe("offline");
    await expect.poll(async () => (await routes.refresh.POST(req(`/processes/${silent.agentId}/refresh`, viewerCookie), params(silent.agentId))).status).toBe(503);
  }, 60_000);
});
