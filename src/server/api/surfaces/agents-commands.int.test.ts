/**
 * Specification 002's command queue through the real dispatcher, a real gateway and a scripted
 * agent: a command queued while the agent is offline runs when it connects and its output shows in
 * the history; an expired one never reaches the agent; roles, tenancy, validation, and the audit
 * of both the request and the agent's outcome.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, seedUser, testServiceContext } from "../../../test/actors";
import { FakeAgent } from "../../../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../../../test/gateway-harness";
import { apiRequest } from "../../../test/http";
import { agents, auditLog, commands } from "../../db/schema";
import { createApiKey } from "../../services/api-keys";
import { createClient } from "../../services/clients";
import { createServiceContext } from "../../services/service-context";

let h: GatewayHarness;
let handler: (request: Request) => Promise<Response>;
const keys = { operator: "", viewer: "", betaOperator: "" };
let credentials: { agentId: string; agentSecret: string };
const ran: string[] = [];

async function keyFor(username: string, role: "viewer" | "operator", clientIds?: number[]) {
  const ctx = createServiceContext({ db: h.t.db, actor: await actorFor(h.t.db, username), clientIp: "127.0.0.1", waiters: () => h.waiters });
  return (await createApiKey(ctx, { name: `${username} key`, role, clientIds })).key;
}
const api = (path: string, key: string, body?: unknown) => handler(apiRequest(`/api/agents${path}`, { body, headers: { "x-api-key": key } }));
const queue = (agentId: string, key: string, params: unknown) => api(`/${agentId}/commands`, key, { type: "shell", params });
const history = async (agentId: string, key = keys.viewer) => (await api(`/${agentId}/commands`, key)).json();

/** Connects the enrolled agent again; it answers `run-command` as a shell would. */
async function connectAgent() {
  const agent = await FakeAgent.connect({ url: h.url, credentials });
  agent.handlers.set("run-command", (command) => {
    ran.push(command.commandId);
    return { exitCode: 3, stdout: `ran: ${String(command.command)}\n`, stderr: "", timedOut: false, durationMs: 12 };
  });
  return agent;
}

async function statusOf(commandId: string) {
  const [row] = await h.t.db.select({ status: commands.status }).from(commands).where(eq(commands.id, commandId));
  return row?.status;
}
async function waitForStatus(commandId: string, status: string) {
  for (let attempt = 0; attempt < 200 && (await statusOf(commandId)) !== status; attempt++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(await statusOf(commandId)).toBe(status);
}
async function waitOffline(agentId: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [row] = await h.t.db.select({ status: agents.status }).from(agents).where(eq(agents.id, agentId));
    if (row?.status === "offline") return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the agent stayed online");
}

beforeAll(async () => {
  h = await startGatewayHarness();
  Object.assign(process.env, { DATABASE_URL: h.t.url, AUTH_SECRET: "s".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  handler = (await import("../handlers")).agentsApiHandler;
  await seedUser(h.t.db, "op", "operator");
  await seedUser(h.t.db, "vera", "viewer");
  const beta = await createClient(testServiceContext(h.t.db), { name: "Beta Corp", siteName: "Office" });
  keys.operator = await keyFor("op", "operator");
  keys.viewer = await keyFor("vera", "viewer");
  keys.betaOperator = await keyFor("op", "operator", [beta.id]);
  const enrolled = await FakeAgent.connect({ url: h.url, token: await h.token() });
  credentials = { agentId: enrolled.agentId, agentSecret: enrolled.agentSecret };
  await enrolled.close();
  await waitOffline(credentials.agentId);
});
afterAll(async () => {
  await (await import("../../bus/web-bus")).getBusListener().close();
  await (await import("../../db/client")).closeDb();
  await h.stop();
});

describe("POST/GET /api/agents/{agent_id}/commands", () => {
  it("queues a command for an offline agent, runs it when the agent connects, and shows its output", async () => {
    const response = await queue(credentials.agentId, keys.operator, { command: "df -h", timeout: 20 });
    expect(response.status).toBe(200);
    const queued = await response.json();
    expect(queued).toEqual({ command_id: expect.any(String), status: "queued" });
    expect((await history(credentials.agentId))[0]).toMatchObject({ command_id: queued.command_id, type: "run-command", status: "queued", output: null, params: { command: "df -h", timeout: 20 } });

    const agent = await connectAgent();
    await waitForStatus(queued.command_id, "done");
    await agent.close();
    expect((await history(credentials.agentId))[0]).toEqual({
      command_id: queued.command_id,
      type: "run-command",
      status: "done",
      created_at: expect.any(String),
      completed_at: expect.any(String),
      created_by: "op",
      params: { command: "df -h", timeout: 20 },
      output: { exit_code: 3, stdout: "ran: df -h\n", stderr: "", timed_out: false },
      error: null,
    });
    const [entry] = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "agent.command.queue"));
    expect(entry).toMatchObject({ actor: "op", target: credentials.agentId, details: { commandId: queued.command_id, command: "df -h", timeoutSeconds: 20 } });
    const [outcome] = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "agent.command.result"));
    expect(outcome).toMatchObject({ actor: null, target: credentials.agentId, success: false, details: { commandId: queued.command_id, requestedBy: "op", command: "df -h", exitCode: 3, timedOut: false } });
    await waitOffline(credentials.agentId);
  });

  it("never delivers a command past its expiry, and reports it as timed out", async () => {
    const expired = await (await queue(credentials.agentId, keys.operator, { command: "echo late" })).json();
    // As if the queue's time had passed while the agent stayed away.
    await h.t.db.update(commands).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(commands.id, expired.command_id));
    const fresh = await (await queue(credentials.agentId, keys.operator, { command: "echo fresh" })).json();

    const agent = await connectAgent();
    // Pending commands go out oldest first: once the fresh one ran, the expired one was passed over.
    await waitForStatus(fresh.command_id, "done");
    await agent.close();
    expect(ran).not.toContain(expired.command_id);
    const entries = await history(credentials.agentId);
    expect(entries.slice(0, 2).map((entry: { command_id: string; status: string }) => [entry.command_id, entry.status])).toEqual([
      [fresh.command_id, "done"],
      [expired.command_id, "timeout"],
    ]);
    await waitOffline(credentials.agentId);
  });

  it("takes the default timeout of 30 s and refuses bad input (400) and viewers (403) before queueing", async () => {
    const before = (await h.t.db.select().from(commands)).length;
    expect((await queue(credentials.agentId, keys.viewer, { command: "reboot" })).status).toBe(403);
    for (const params of [{ command: "" }, { command: "ls", timeout: 0 }, { command: "ls", timeout: 301 }, { command: "ls", timeout: 1.5 }, {}]) {
      expect((await queue(credentials.agentId, keys.operator, params)).status, JSON.stringify(params)).toBe(400);
    }
    expect((await api(`/${credentials.agentId}/commands`, keys.operator, { type: "powershell", params: { command: "ls" } })).status).toBe(400);
    expect((await h.t.db.select().from(commands)).length).toBe(before);

    const queued = await (await queue(credentials.agentId, keys.operator, { command: "uptime" })).json();
    const [row] = await h.t.db.select().from(commands).where(eq(commands.id, queued.command_id));
    expect(row?.payload).toEqual({ command: "uptime", timeoutSeconds: 30 });
  });

  it("answers 404 for an unknown agent and for another client's agent", async () => {
    expect((await queue("nope", keys.operator, { command: "ls" })).status).toBe(404);
    expect((await api("/nope/commands", keys.viewer)).status).toBe(404);
    expect((await queue(credentials.agentId, keys.betaOperator, { command: "ls" })).status).toBe(404);
    expect((await api(`/${credentials.agentId}/commands`, keys.betaOperator)).status).toBe(404);
  });

  it("lists other command types without their payloads", async () => {
    await h.t.db.insert(commands).values({ id: crypto.randomUUID(), agentId: credentials.agentId, type: "kill-process", payload: { processId: 42 }, status: "done", result: { processId: 42, killed: true }, expiresAt: new Date(), createdAt: new Date(Date.now() + 60_000) });
    const [latest] = await history(credentials.agentId);
    expect(latest).toMatchObject({ type: "kill-process", status: "done", output: null });
    expect(latest).not.toHaveProperty("params");
  });
});
