/**
 * System health and BSOD through spec 000's paths (the real dispatcher), with a real gateway and a
 * scripted agent: cached counts refreshed behind the all-devices view, live counts and entries per
 * level, the stored crash history and its 202 refresh, and the 400 / 404 / 502 / 503 answers.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeAgent } from "../../../test/fake-agent";
import type { GatewayHarness } from "../../../test/gateway-harness";
import { startSpec000Harness, type Spec000Harness } from "../../../test/spec000-harness";
import { agents, commands } from "../../db/schema";
import { backgroundSettled } from "../../services/background";

let s: Spec000Harness<"view">;
let h: GatewayHarness;
let agent: FakeAgent;
let viewerCookie: string;
let call: (request: Request) => Promise<Response>;

const STATS = { logs: [{ log: "journal", critical: 1, error: 4, warning: 9, information: 120 }], since: "2024-11-28T18:00:00.000Z", collectedAt: new Date().toISOString() };
const ERROR_ENTRY = { id: "a1", log: "journal", level: "error", source: "nginx", message: "bind() failed", at: "2024-11-29T17:00:00.000Z" };
const CRASHES = { summary: { crashes: [{ at: "2024-11-20T03:14:00.000Z", bugcheckCode: "0x0000009f", dumpFile: "112024-10234-01.dmp" }], lastCrashAt: "2024-11-20T03:14:00.000Z", collectedAt: "2024-11-29T18:00:00.000Z" } };

beforeAll(async () => {
  s = await startSpec000Harness({ users: { view: "viewer" } });
  ({ h, agent, call } = s);
  viewerCookie = s.cookies.view;
  agent.handlers.set("request-event-stats", () => STATS);
  agent.handlers.set("request-event-entries", (command) => ({ entries: command.level === "error" ? [ERROR_ENTRY] : [] }));
  agent.handlers.set("request-bsod", () => CRASHES);
});
afterAll(async () => {
  await s.stop();
});

const req = (path: string, cookie = viewerCookie, method = "GET") => new Request(`http://localhost${path}`, { method, headers: { cookie, "x-rmm-client-ip": "10.2.2.3", "content-type": "application/json" } });
const sent = async (type: string) => (await h.t.db.select().from(commands).where(eq(commands.type, type))).length;

/** An agent that was connected once and is offline now. */
async function offlineAgent() {
  const other = await FakeAgent.connect({ url: h.url, token: await h.token() });
  await other.close();
  await expect.poll(async () => (await h.t.db.select({ status: agents.status }).from(agents).where(eq(agents.id, other.agentId)))[0]?.status).toBe("offline");
  return other.agentId;
}

/** An agent that answers a command with an error, as a machine without the OS facility does. */
async function refusingAgent(type: string, message: string) {
  const other = await FakeAgent.connect({ url: h.url, token: await h.token() });
  other.handlers.set(type, (command) => {
    other.send({ type: "command-result", commandId: command.commandId, ok: false, error: { code: "unsupported", message } });
    return undefined;
  });
  return other;
}

describe("system health over REST", () => {
  it("answers the all-devices view from the cache at once and fills it in the background", async () => {
    const first = await call(req("/system-health/agents"));
    expect(first.status).toBe(200);
    expect((await first.json()).agents).toEqual([{ agentId: agent.agentId, name: expect.any(String), status: "online", stats: null, collectedAt: null }]);
    await backgroundSettled();
    expect(await sent("request-event-stats")).toBe(1);
    const second = await (await call(req("/system-health/agents"))).json();
    expect(second.agents[0]).toMatchObject({ stats: STATS, collectedAt: STATS.collectedAt });
  });

  it("does not ask again while the cached counts are fresh, nor asks offline agents", async () => {
    const offline = await offlineAgent();
    const before = await sent("request-event-stats");
    const response = await (await call(req("/system-health/agents"))).json();
    await backgroundSettled();
    expect(response.agents).toContainEqual({ agentId: offline, name: expect.any(String), status: "offline", stats: null, collectedAt: null });
    expect(response.agents).toContainEqual(expect.objectContaining({ agentId: agent.agentId, stats: STATS }));
    expect(await sent("request-event-stats")).toBe(before);
  });

  it("answers one agent's counts live, and the cached ones with the reason when it cannot answer", async () => {
    expect(await (await call(req(`/system-health/agent/${agent.agentId}`))).json()).toMatchObject({ agentId: agent.agentId, live: true, stats: STATS });
    const container = await refusingAgent("request-event-stats", "this machine has no systemd journal");
    const body = await (await call(req(`/system-health/agent/${container.agentId}`))).json();
    expect(body).toMatchObject({ live: false, stats: null, error: expect.stringContaining("this machine has no systemd journal") });
    await container.close();
    expect((await call(req("/system-health/agent/nope"))).status).toBe(404);
  });

  it("asks the agent for entries at the requested level, accepting info for information", async () => {
    const response = await call(req(`/system-health/${agent.agentId}/entries?level=error`));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ agentId: agent.agentId, level: "error", entries: [ERROR_ENTRY] });
    expect(await (await call(req(`/system-health/${agent.agentId}/entries?level=info&limit=5`))).json()).toMatchObject({ level: "information", entries: [] });
    const [last] = await h.t.db.select().from(commands).where(eq(commands.type, "request-event-entries")).orderBy(commands.createdAt).limit(1).offset(1);
    expect(last?.payload).toMatchObject({ level: "information", limit: 5 });
  });

  it("refuses a missing or unknown level (400) before anything reaches the agent, and relays the agent's reason (502)", async () => {
    const before = await sent("request-event-entries");
    for (const query of ["", "?level=debug", "?level=error&limit=0"]) {
      const response = await call(req(`/system-health/${agent.agentId}/entries${query}`));
      expect(response.status, query).toBe(400);
    }
    expect(await sent("request-event-entries")).toBe(before);
    const container = await refusingAgent("request-event-entries", "this machine has no systemd journal");
    const response = await call(req(`/system-health/${container.agentId}/entries?level=warning`));
    expect(response.status).toBe(502);
    expect((await response.json()).error).toMatch(/this machine has no systemd journal/);
    await container.close();
  });
});

describe("BSOD over REST", () => {
  it("has no crash history until refreshed; the refresh answers 202 and the history follows", async () => {
    expect(await (await call(req(`/bsod/${agent.agentId}/data`))).json()).toEqual({ summary: null });
    const refresh = await call(req(`/bsod/${agent.agentId}/refresh`, viewerCookie, "POST"));
    expect(refresh.status).toBe(202);
    expect(await refresh.json()).toEqual({ agentId: agent.agentId, accepted: true });
    await backgroundSettled();
    expect(await (await call(req(`/bsod/${agent.agentId}/data`))).json()).toEqual(CRASHES);
  });

  it("refuses a refresh for an offline agent (503) and an unknown one (404)", async () => {
    expect((await call(req(`/bsod/${await offlineAgent()}/refresh`, viewerCookie, "POST"))).status).toBe(503);
    expect((await call(req("/bsod/nope/refresh", viewerCookie, "POST"))).status).toBe(404);
  });
});
