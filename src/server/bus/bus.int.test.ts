/** The command bus end to end: web-side request helper, PostgreSQL, a real gateway, a scripted agent. */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeAgent, processListResult } from "../../test/fake-agent";
import { startGatewayHarness, terminateListenConnections, type GatewayHarness } from "../../test/gateway-harness";
import { commands } from "../db/schema";
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
    const woke = h.waiters.wait(id, 15_000);
    // The row finishes without any NOTIFY (as if it had been sent while disconnected)...
    await h.t.db.insert(commands).values({ id, agentId: agent.agentId, type: "list-processes", payload: {}, status: "done", result: processListResult(), expiresAt: new Date(Date.now() + 10_000) });
    // ...so only the catch-up after the LISTEN connection comes back can wake the waiter.
    expect(await terminateListenConnections(h.t)).toBeGreaterThan(0);
    expect(await woke).toBe(true);
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
});
