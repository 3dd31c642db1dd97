/**
 * Process management through spec 000's paths (the real dispatcher), with a real gateway and a scripted agent:
 * snapshot, refresh, kill, and the 400 / 404 / 503 / 504 answers.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser } from "../../../test/actors";
import { FakeAgent, processListResult } from "../../../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../../../test/gateway-harness";
import { auditLog, commands } from "../../db/schema";

let h: GatewayHarness;
let agent: FakeAgent;
let operatorCookie: string;
let viewerCookie: string;
let call: (request: Request) => Promise<Response>;
const COMMAND_TIMEOUT_MS = 1_500;

beforeAll(async () => {
  h = await startGatewayHarness();
  Object.assign(process.env, { DATABASE_URL: h.t.url, AUTH_SECRET: "p".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  const [{ createSurfaceHandler }, { spec000Surface }, { credentialResolvers }] = await Promise.all([import("../dispatch"), import("./spec000"), import("../credential-resolvers")]);
  // The dispatcher as served, but agents get only 1.5 s to answer, so the 504 case is quick.
  call = createSurfaceHandler(spec000Surface, { credentials: credentialResolvers, commandTimeoutMs: COMMAND_TIMEOUT_MS });
  await seedUser(h.t.db, "op", "operator", { password: "op-password" });
  await seedUser(h.t.db, "view", "viewer", { password: "view-password" });
  operatorCookie = await signIn("op", "op-password");
  viewerCookie = await signIn("view", "view-password");
  agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
});
afterAll(async () => {
  await agent.close();
  await (await import("../../bus/web-bus")).getBusListener().close();
  await (await import("../../db/client")).closeDb();
  await h.stop();
});

async function signIn(username: string, password: string) {
  const response = await call(new Request("http://localhost/auth/login", { method: "POST", body: JSON.stringify({ username, password }), headers: { "x-rmm-client-ip": "10.2.2.2", "content-type": "application/json" } }));
  return response.headers.get("set-cookie")!.split(";")[0]!;
}
const req = (path: string, cookie: string, body?: unknown) =>
  new Request(`http://localhost${path}`, { method: body === undefined && !path.endsWith("refresh") ? "GET" : "POST", headers: { cookie, "x-rmm-client-ip": "10.2.2.2", "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

describe("process management over REST", () => {
  it("has no snapshot before the first refresh; refresh fetches and stores one", async () => {
    expect(await (await call(req(`/processes/${agent.agentId}/data`, viewerCookie))).json()).toEqual({ snapshot: null });
    agent.handlers.set("list-processes", () => processListResult([{ pid: 4321, name: "notepad.exe" }]));
    const refreshed = await call(req(`/processes/${agent.agentId}/refresh`, viewerCookie));
    expect(refreshed.status).toBe(200);
    const data = await (await call(req(`/processes/${agent.agentId}/data`, viewerCookie))).json();
    expect(data.snapshot).toMatchObject({ cpuPercent: 12.5, memoryPercent: 40, diskPercent: 55, network: { rxBytesPerSec: 100, txBytesPerSec: 50 } });
    expect(data.snapshot.processes).toEqual([expect.objectContaining({ pid: 4321, name: "notepad.exe" })]);
  });

  it("kills a process (operator) and audits it", async () => {
    agent.handlers.set("kill-process", (command) => ({ processId: command.processId, killed: true }));
    const response = await call(req(`/processes/${agent.agentId}/kill`, operatorCookie, { processId: 4321 }));
    expect(await response.json()).toEqual({ processId: 4321, killed: true });
    const [entry] = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "process.kill"));
    expect(entry).toMatchObject({ actor: "op", target: agent.agentId, success: true, details: { processId: 4321 } });
  });

  it("refuses a viewer's kill (403) and a bad PID (400) before anything reaches the agent", async () => {
    const before = (await h.t.db.select().from(commands).where(eq(commands.type, "kill-process"))).length;
    expect((await call(req(`/processes/${agent.agentId}/kill`, viewerCookie, { processId: 1 }))).status).toBe(403);
    for (const processId of [0, -1, 1.5, "12", null]) {
      const response = await call(req(`/processes/${agent.agentId}/kill`, operatorCookie, { processId }));
      expect(response.status, String(processId)).toBe(400);
      expect((await response.json()).details).toContainEqual(expect.objectContaining({ field: "processId" }));
    }
    expect((await call(req(`/processes/${agent.agentId}/kill`, operatorCookie, [1]))).status).toBe(400);
    expect((await h.t.db.select().from(commands).where(eq(commands.type, "kill-process"))).length).toBe(before);
  });

  it("answers 404 for an unknown agent, 503 for an offline one, 504 when the agent is silent", async () => {
    expect((await call(req("/processes/nope/refresh", viewerCookie))).status).toBe(404);

    const silent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    silent.handlers.set("list-processes", () => undefined);
    const started = Date.now();
    const timedOut = await call(req(`/processes/${silent.agentId}/refresh`, viewerCookie));
    expect(timedOut.status).toBe(504);
    expect((await timedOut.json()).error).toMatch(new RegExp(`${silent.agentId}.*list-processes`));
    expect(Date.now() - started).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 50);

    await silent.close();
    await expect.poll(async () => (await h.t.sql`select status from agents where id = ${silent.agentId}`)[0]?.status).toBe("offline");
    await expect.poll(async () => (await call(req(`/processes/${silent.agentId}/refresh`, viewerCookie))).status).toBe(503);
  });
});
