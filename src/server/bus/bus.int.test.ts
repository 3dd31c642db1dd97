/** The command bus end to end: web-side request helper, PostgreSQL, a real gateway, a scripted agent. */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeAgent, processListResult } from "../../test/fake-agent";
import { startGatewayHarness, terminateListenConnections, type GatewayHarness } from "../../test/gateway-harness";
import { createGateway } from "../../agent-gateway/gateway";
import { agents, commands } from "../db/schema";
import { requestAgent } from "../services/agent-commands";

let h: GatewayHarness;
let agent: FakeAgent;
beforeAll(async () => {
  h = await startGatewayHarness();
  agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
});
afterAll(async () => {
  await agent?.close();
  await h.stop();
});

describe("command bus", () => {
  it("carries a command to the agent and its result back", async () => {
    agent.handlers.set("list-processes", () => processListResult([{ pid: 42, name: "sshd" }]));
    const result = await requestAgent(h.deps, { agentId: agent.agentId, type: "list-processes", payload: {} });
    expect(result.processes).toEqual([expect.objectContaining({ pid: 42, name: "sshd" })]);
    const [row] = await h.t.db.select().from(commands).where(eq(commands.agentId, agent.agentId));
    expect(row).toMatchObject({ status: "done", type: "list-processes" });
  });

  it("stores a result far larger than a NOTIFY payload", async () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ pid: i + 1, name: `process-with-a-long-name-${i}`.padEnd(60, "x") }));
    agent.handlers.set("list-processes", () => processListResult(many));
    const result = await requestAgent(h.deps, { agentId: agent.agentId, type: "list-processes", payload: {} });
    expect(result.processes).toHaveLength(5000);
    expect(JSON.stringify(result).length).toBeGreaterThan(8000 * 40);
  });

  it("answers AGENT_TIMEOUT naming the agent and command when the agent stays silent", async () => {
    agent.handlers.set("kill-process", () => undefined); // never answers
    const error = await requestAgent({ ...h.deps, timeoutMs: 500 }, { agentId: agent.agentId, type: "kill-process", payload: { processId: 7 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "AGENT_TIMEOUT", message: expect.stringMatching(new RegExp(`${agent.agentId}.*kill-process`)) });
    const rows = await h.t.db.select().from(commands).where(eq(commands.type, "kill-process"));
    expect(rows.at(-1)?.status).toBe("timeout");
  });

  it("never delivers a command after its request gave up or its time ran out, even to a reconnecting agent", async () => {
    const [gaveUp] = await h.t.db.select({ id: commands.id }).from(commands).where(eq(commands.status, "timeout"));
    // In flight when the web process waiting for it died: nobody closed the row, its time ran out.
    const expired = randomUUID();
    await h.t.db.insert(commands).values({ id: expired, agentId: agent.agentId, type: "kill-process", payload: { processId: 8 }, status: "sent", sentAt: new Date(), expiresAt: new Date(Date.now() - 1) });
    const credentials = { agentId: agent.agentId, agentSecret: agent.agentSecret };
    await agent.close();
    agent = await FakeAgent.connect({ url: h.url, credentials });
    agent.handlers.set("list-processes", () => processListResult());
    // A round trip after the hello: whatever the reconnect would deliver has been delivered.
    await requestAgent(h.deps, { agentId: agent.agentId, type: "list-processes", payload: {} });
    expect(gaveUp).toBeDefined();
    expect(agent.received.filter((message) => message.commandId === gaveUp!.id || message.commandId === expired)).toEqual([]);
  });

  it("answers AGENT_OFFLINE at once for an offline agent, and NOT_FOUND for an unknown one", async () => {
    const other = await FakeAgent.connect({ url: h.url, token: await h.token() });
    await other.close();
    await expect.poll(async () => (await h.t.sql`select status from agents where id = ${other.agentId}`)[0]?.status).toBe("offline");
    const started = Date.now();
    await expect(requestAgent(h.deps, { agentId: other.agentId, type: "list-processes", payload: {} })).rejects.toMatchObject({ code: "AGENT_OFFLINE" });
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(requestAgent(h.deps, { agentId: "missing", type: "list-processes", payload: {} })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("maps an agent's not-found to NOT_FOUND", async () => {
    agent.handlers.delete("kill-process");
    agent.handlers.set("kill-process", () => undefined);
    const pending = requestAgent(h.deps, { agentId: agent.agentId, type: "kill-process", payload: { processId: 99999 } });
    const command = (await agent.next("kill-process")) as { commandId: string };
    agent.send({ type: "command-result", commandId: command.commandId, ok: false, error: { code: "not-found", message: "no process 99999" } });
    await expect(pending).rejects.toMatchObject({ code: "NOT_FOUND", message: "no process 99999" });
  });

  it("delivers a command once even when its notification arrives twice", async () => {
    let runs = 0;
    agent.handlers.set("list-processes", () => {
      runs++;
      return processListResult();
    });
    const id = randomUUID();
    await h.t.db.insert(commands).values({ id, agentId: agent.agentId, type: "list-processes", payload: {}, expiresAt: new Date(Date.now() + 10_000) });
    await h.t.sql`select pg_notify('rmm_command_queued', ${`${id}:${agent.agentId}`}), pg_notify('rmm_command_queued', ${`${id}:${agent.agentId}`})`;
    await expect.poll(async () => (await h.t.db.select().from(commands).where(eq(commands.id, id)))[0]?.status).toBe("done");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs).toBe(1);
    expect(agent.received.filter((message) => message.commandId === id)).toHaveLength(1);
  });

  it("catches up on a result whose notification was lost while the web LISTEN was down", async () => {
    const id = randomUUID();
    const woke = h.waiters.wait(id, agent.agentId, 15_000);
    // The row finishes without any NOTIFY (as if it had been sent while disconnected)...
    await h.t.db.insert(commands).values({ id, agentId: agent.agentId, type: "list-processes", payload: {}, status: "done", result: processListResult(), expiresAt: new Date(Date.now() + 10_000) });
    // ...so only the catch-up after the LISTEN connection comes back can wake the waiter.
    expect(await terminateListenConnections(h.t)).toBeGreaterThan(0);
    expect(await woke).toBe("finished");
  });

  it("catches up on commands queued while the gateway's LISTEN was down", async () => {
    agent.handlers.set("list-processes", () => processListResult());
    const id = randomUUID();
    await h.t.db.insert(commands).values({ id, agentId: agent.agentId, type: "list-processes", payload: {}, expiresAt: new Date(Date.now() + 15_000) });
    await terminateListenConnections(h.t);
    await expect.poll(async () => (await h.t.db.select().from(commands).where(eq(commands.id, id)))[0]?.status, { timeout: 15_000 }).toBe("done");
  });

  it("re-sends a command whose reply was lost with the socket, once the agent is back", async () => {
    const id = randomUUID();
    // Sent over a connection that then dropped: no reply will ever come on it.
    await h.t.db.insert(commands).values({ id, agentId: agent.agentId, type: "list-processes", payload: {}, status: "sent", sentAt: new Date(), expiresAt: new Date(Date.now() + 15_000) });
    const credentials = { agentId: agent.agentId, agentSecret: agent.agentSecret };
    await agent.close();
    agent = await FakeAgent.connect({ url: h.url, credentials });
    agent.handlers.set("list-processes", () => processListResult());
    await expect.poll(async () => (await h.t.db.select().from(commands).where(eq(commands.id, id)))[0]?.status).toBe("done");
  });

  it("answers AGENT_OFFLINE at once when the gateway holding the agent dies mid-command, and never delivers it again", async () => {
    const dying = await createGateway({ db: h.t.db, databaseUrl: h.t.url, publicUrl: "http://rmm.test" });
    const port = await dying.listen(0, "127.0.0.1");
    const stuck = await FakeAgent.connect({ url: `ws://127.0.0.1:${port}/agent`, token: await h.token(), name: "STUCK-1" });
    stuck.handlers.set("list-processes", () => undefined); // received, but the answer never gets out
    const delivered = stuck.next("list-processes");
    const started = Date.now();
    const pending = requestAgent({ ...h.deps, timeoutMs: 15_000 }, { agentId: stuck.agentId, type: "list-processes", payload: {} }).catch((e: unknown) => e);
    const { commandId } = (await delivered) as { commandId: string };

    // The launcher restarts the crashed gateway and names the one it replaces.
    const successor = await createGateway({ db: h.t.db, databaseUrl: h.t.url, publicUrl: "http://rmm.test", replaces: dying.gatewayId });
    const error = await pending;
    expect(error).toMatchObject({ code: "AGENT_OFFLINE", message: `Agent 'STUCK-1' (${stuck.agentId}) went offline while running 'list-processes'` });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await h.t.db.select().from(commands).where(eq(commands.id, commandId)))[0]).toMatchObject({ status: "failed", error: { code: "offline" } });

    // The crashed process is gone for good (here: stopped, once its agent was already retired)...
    await dying.close();
    // ...and the agent reconnects to the restarted gateway: the closed command is not sent again...
    const successorPort = await successor.listen(0, "127.0.0.1");
    const back = await FakeAgent.connect({ url: `ws://127.0.0.1:${successorPort}/agent`, credentials: { agentId: stuck.agentId, agentSecret: stuck.agentSecret } });
    back.handlers.set("list-processes", () => processListResult([{ pid: 7, name: "after" }]));
    // ...while a new request goes through (and is delivered after anything still pending).
    const fresh = await requestAgent(h.deps, { agentId: back.agentId, type: "list-processes", payload: {} });
    expect(fresh.processes).toEqual([expect.objectContaining({ pid: 7 })]);
    expect(back.received.filter((message) => message.commandId === commandId)).toEqual([]);
    expect((await h.t.db.select({ status: agents.status }).from(agents).where(eq(agents.id, back.agentId)))[0]?.status).toBe("online");

    await back.close();
    await successor.close();
  });

  it("answers AGENT_OFFLINE when the agent's own socket closes while the request waits", async () => {
    const leaving = await FakeAgent.connect({ url: h.url, token: await h.token(), name: "LEAVING-1" });
    leaving.handlers.set("kill-process", () => undefined);
    const delivered = leaving.next("kill-process");
    const pending = requestAgent({ ...h.deps, timeoutMs: 15_000 }, { agentId: leaving.agentId, type: "kill-process", payload: { processId: 5 } }).catch((e: unknown) => e);
    await delivered;
    await leaving.close();
    expect(await pending).toMatchObject({ code: "AGENT_OFFLINE", message: expect.stringMatching(/went offline while running 'kill-process'/) });
  });
});
