/**
 * Process management through spec 000's paths (the real dispatcher), with a real gateway and a scripted agent:
 * snapshot, refresh, kill, and the 400 / 404 / 503 / 504 answers.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeAgent, processListResult } from "../../../test/fake-agent";
import type { GatewayHarness } from "../../../test/gateway-harness";
import { startSpec000Harness, type Spec000Harness } from "../../../test/spec000-harness";
import { auditLog, commands } from "../../db/schema";

let s: Spec000Harness<"op" | "view">;
let h: GatewayHarness;
let agent: FakeAgent;
let operatorCookie: string;
let viewerCookie: string;
let call: (request: Request) => Promise<Response>;
const COMMAND_TIMEOUT_MS = 1_500;

beforeAll(async () => {
  s = await startSpec000Harness({ users: { op: "operator", view: "viewer" }, commandTimeoutMs: COMMAND_TIMEOUT_MS });
  ({ h, agent, call } = s);
  operatorCookie = s.cookies.op;
  viewerCookie = s.cookies.view;
});
afterAll(async () => {
  await s.stop();
});

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
