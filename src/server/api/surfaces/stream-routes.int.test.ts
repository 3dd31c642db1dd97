/**
 * Specification 002's live streams through the real dispatcher, a real gateway and a scripted
 * agent: stream tokens (who may mint which, and that a token opens only its own agent's stream of
 * its own kind, for a user who still may), metrics samples reaching a viewer (the latest first, in
 * 002's field names), and a log followed on the agent: started once for its viewers, its lines
 * delivered, the agent's refusal passed on.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser } from "../../../test/actors";
import { FakeAgent } from "../../../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../../../test/gateway-harness";
import { sseReader } from "../../../test/sse-reader";
import { auditLog, users } from "../../db/schema";

let h: GatewayHarness;
let agent: FakeAgent;
let other: FakeAgent;
let call: (request: Request) => Promise<Response>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  h = await startGatewayHarness();
  Object.assign(process.env, { DATABASE_URL: h.t.url, AUTH_SECRET: "s".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  const [{ createSurfaceHandler }, { agentsApiSurface }, { spec000Surface }, { credentialResolvers }] = await Promise.all([
    import("../dispatch"),
    import("./agents-api"),
    import("./spec000"),
    import("../credential-resolvers"),
  ]);
  call = createSurfaceHandler(agentsApiSurface, { credentials: credentialResolvers, commandTimeoutMs: 2_000 });
  const login = createSurfaceHandler(spec000Surface, { credentials: credentialResolvers });
  for (const [name, role] of [["op", "operator"], ["view", "viewer"], ["outsider", "admin"]] as const) {
    await seedUser(h.t.db, name, role);
    const response = await login(new Request("http://localhost/auth/login", { method: "POST", body: JSON.stringify({ username: name, password: `${name}-password` }), headers: { "x-rmm-client-ip": "10.2.2.3", "content-type": "application/json" } }));
    cookies[name] = response.headers.get("set-cookie")!.split(";")[0]!;
  }
  // An admin of no client at all: every agent is "not found" for them.
  await h.t.db.update(users).set({ clientIds: [] }).where(eq(users.username, "outsider"));
  agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
  other = await FakeAgent.connect({ url: h.url, token: await h.token() });
});
afterAll(async () => {
  await agent.close();
  await other.close();
  await (await import("../../bus/web-bus")).getBusListener().close();
  await (await import("../../db/client")).closeDb();
  await h.stop();
});

const request = (path: string, init: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  new Request(`http://localhost/api/agents${path}`, {
    method: init.body === undefined ? "GET" : "POST",
    headers: { "x-rmm-client-ip": "10.2.2.3", "content-type": "application/json", ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

async function mint(user: string, agentId: string, stream: "metrics" | "logs") {
  const response = await call(request(`/${agentId}/stream-token`, { cookie: cookies[user], body: { stream } }));
  return { status: response.status, body: (await response.json()) as { token: string; expires_in: number; error?: string } };
}

function open(path: string, init: { cookie?: string } = {}) {
  const abort = new AbortController();
  const built = request(path, init);
  return { abort, response: call(new Request(built, { signal: abort.signal })) };
}

const sample = (cpuPercent: number) => ({ type: "monitoring-metrics", at: new Date().toISOString(), cpuPercent, memoryPercent: 40, diskPercent: 55, network: { rxBytesPerSec: 100, txBytesPerSec: 50 } });

describe("stream tokens", () => {
  it("are minted for the roles of each stream, and not for agents out of reach", async () => {
    const viewerMetrics = await mint("view", agent.agentId, "metrics");
    expect(viewerMetrics.status).toBe(200);
    expect(viewerMetrics.body).toMatchObject({ token: expect.stringMatching(/^st1\./), stream: "metrics", agent_id: agent.agentId, expires_in: 60 });
    expect((await mint("view", agent.agentId, "logs")).status).toBe(403);
    expect((await mint("op", agent.agentId, "logs")).status).toBe(200);
    expect((await mint("outsider", agent.agentId, "metrics")).status).toBe(404);
    expect((await mint("op", "no-such-agent", "metrics")).status).toBe(404);
    expect((await call(request(`/${agent.agentId}/stream-token`, { body: { stream: "metrics" } }))).status).toBe(401);
  });

  it("open only their own agent's stream of their own kind, and nothing else", async () => {
    const { body } = await mint("op", agent.agentId, "metrics");
    expect((await (await open(`/${other.agentId}/stream/metrics?token=${body.token}`).response).json()).error).toMatch(/stream token/);
    expect((await open(`/${agent.agentId}/stream/logs?source=journald&token=${body.token}`).response).status).toBe(401);
    expect((await call(request(`/${agent.agentId}`, { headers: { authorization: `Bearer ${body.token}` } }))).status).toBe(401);
    expect((await open(`/${agent.agentId}/stream/metrics?token=${body.token}x`).response).status).toBe(401);
    expect((await open(`/${agent.agentId}/stream/metrics`).response).status).toBe(401);
  });

  it("give a user demoted since minting no more than their role now", async () => {
    const { body } = await mint("op", agent.agentId, "logs");
    await h.t.db.update(users).set({ role: "viewer" }).where(eq(users.username, "op"));
    try {
      expect((await open(`/${agent.agentId}/stream/logs?source=journald&token=${body.token}`).response).status).toBe(403);
    } finally {
      await h.t.db.update(users).set({ role: "operator" }).where(eq(users.username, "op"));
    }
  });
});

describe("metrics stream", () => {
  it("sends the latest sample first, then each new one, in specification 002's names", async () => {
    agent.send(sample(11));
    // The gateway publishes samples within a fraction of a second; wait for the first to be stored.
    const waitFor = async (cookie: string) => {
      for (let i = 0; i < 100; i++) {
        const probe = open(`/${agent.agentId}/stream/metrics`, { cookie });
        const reader = sseReader(await probe.response);
        const first = await Promise.race([reader.next(1), new Promise<[]>((resolve) => setTimeout(() => resolve([]), 100))]);
        probe.abort.abort();
        if (first.length > 0) return;
      }
      throw new Error("no sample stored");
    };
    await waitFor(cookies.view!);
    const { body } = await mint("view", agent.agentId, "metrics");
    const viewer = open(`/${agent.agentId}/stream/metrics?token=${body.token}`);
    const response = await viewer.response;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = sseReader(response);
    const [latest] = await events.next(1);
    expect(latest).toMatchObject({ event: "metrics", data: { agent_id: agent.agentId, cpu_percent: 11, mem_percent: 40, disk_percent: 55, net_rx_bytes_per_sec: 100, net_tx_bytes_per_sec: 50 } });
    other.send(sample(99));
    agent.send(sample(22));
    agent.send(sample(33));
    const received = await events.next(3);
    expect(received.slice(1).map((event) => (event.data as { cpu_percent: number }).cpu_percent)).toEqual([22, 33]);
    viewer.abort.abort();
  });
});

describe("log stream", () => {
  it("starts the log once on the agent for all its viewers and delivers its lines", async () => {
    const starts: Record<string, unknown>[] = [];
    agent.handlers.set("stream-logs-start", (command) => {
      starts.push(command);
      return { streamId: command.streamId, state: "started" };
    });
    const { body } = await mint("op", agent.agentId, "logs");
    const path = `/${agent.agentId}/stream/logs?source=file&path=${encodeURIComponent("/var/log/app.log")}`;
    const first = open(`${path}&token=${body.token}`);
    const second = open(path, { cookie: cookies.op });
    const readers = [sseReader(await first.response), sseReader(await second.response)];
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ source: "file", path: "/var/log/app.log" });
    const streamId = String(starts[0]!.streamId);
    const at = new Date().toISOString();
    agent.send({ type: "log-lines", streamId, lines: [{ text: "GET / 200", at }, { text: "GET /favicon.ico 404", at }] });
    agent.send({ type: "log-lines", streamId, lines: [], ended: { reason: "failed", message: "EIO: i/o error, read" } });
    for (const reader of readers) {
      expect(await reader.next(2)).toMatchObject([
        { event: "log", data: { lines: [{ text: "GET / 200", at }, { text: "GET /favicon.ico 404", at }] } },
        { event: "end", data: { reason: "failed", message: "EIO: i/o error, read" } },
      ]);
    }
    first.abort.abort();
    second.abort.abort();
    const [entry] = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "agent.logs.stream")).limit(1);
    expect(entry).toMatchObject({ actor: "op", target: agent.agentId, details: { source: "file", path: "/var/log/app.log" } });
  });

  it("answers the agent's reason when the log cannot be followed, and refuses bad queries", async () => {
    agent.handlers.set("stream-logs-start", (command) => {
      agent.send({ type: "command-result", commandId: command.commandId, ok: false, error: { code: "unsupported", message: "journalctl is not installed on this machine, so there is no systemd journal to read" } });
      return undefined;
    });
    const refused = await open(`/${agent.agentId}/stream/logs?source=journald&unit=nginx`, { cookie: cookies.op }).response;
    expect(refused.status).toBe(502);
    expect((await refused.json()).error).toMatch(/journalctl is not installed/);
    const bad = await open(`/${agent.agentId}/stream/logs?source=file`, { cookie: cookies.op }).response;
    expect(bad.status).toBe(400);
    expect((await bad.json()).details).toEqual([{ field: "path", message: "is required with source=file" }]);
    expect((await open(`/${agent.agentId}/stream/logs?source=journald&unit=--all`, { cookie: cookies.op }).response).status).toBe(400);
    expect((await open(`/${agent.agentId}/stream/logs?source=journald`, { cookie: cookies.view }).response).status).toBe(403);
  });
});
