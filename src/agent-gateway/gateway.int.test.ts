/** The gateway against real PostgreSQL and real WebSocket clients: authentication, bad input, presence. */
import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_BOOT_TIME, FakeAgent } from "../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../test/gateway-harness";
import { agents, commands, enrollmentTokens, gateways } from "../server/db/schema";
import { removeAgent } from "../server/services/agents";
import { testServiceContext } from "../test/actors";
import { revokeEnrollmentToken } from "../server/services/enrollment";
import { createGateway, MAX_PAYLOAD_BYTES } from "./gateway";
import { RATE_BURST } from "./agent-connection";

let h: GatewayHarness;
beforeAll(async () => {
  h = await startGatewayHarness();
});
afterAll(() => h.stop());

/** The HTTP status of a refused upgrade. */
function upgradeStatus(headers: Record<string, string>, path = "/agent"): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${h.port}${path}`, { headers });
    socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("error", () => resolve(-1));
  });
}
const status = async (agentId: string) => (await h.t.db.select({ status: agents.status }).from(agents).where(eq(agents.id, agentId)))[0]?.status;

describe("authentication on the upgrade", () => {
  it("enrolls with a valid token, then reconnects with the per-agent secret", async () => {
    const first = await FakeAgent.connect({ url: h.url, token: await h.token() });
    expect(first.agentId).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await h.t.db.select().from(agents).where(eq(agents.id, first.agentId));
    expect(row?.secretHash).not.toContain(first.agentSecret);
    await first.close();
    const again = await FakeAgent.connect({ url: h.url, credentials: { agentId: first.agentId, agentSecret: first.agentSecret } });
    expect(again.received.some((m) => m.type === "enrolled")).toBe(false);
    await again.close();
  });

  it("refuses missing, unknown, expired, revoked and used-up tokens with 401", async () => {
    expect(await upgradeStatus({})).toBe(401);
    expect(await upgradeStatus({ "x-enrollment-token": "rmm_enr_nope" })).toBe(401);
    const expired = await h.token(5, -1);
    expect(await upgradeStatus({ "x-enrollment-token": expired })).toBe(401);
    const revoked = await h.token();
    const [revokedRow] = await h.t.db.select().from(enrollmentTokens).orderBy(desc(enrollmentTokens.createdAt)).limit(1);
    await revokeEnrollmentToken(testServiceContext(h.t.db), revokedRow!.id);
    expect(await upgradeStatus({ "x-enrollment-token": revoked })).toBe(401);
    const once = await h.token(1);
    const used = await FakeAgent.connect({ url: h.url, token: once });
    await used.close();
    expect(await upgradeStatus({ "x-enrollment-token": once })).toBe(401);
  });

  it("refuses a revoked agent and a wrong secret", async () => {
    const agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    await agent.close();
    expect(await upgradeStatus({ authorization: `Bearer ${agent.agentId}.wrongsecret` })).toBe(401);
    await h.t.db.update(agents).set({ revokedAt: new Date() }).where(eq(agents.id, agent.agentId));
    expect(await upgradeStatus({ authorization: `Bearer ${agent.agentId}.${agent.agentSecret}` })).toBe(401);
  });

  it("closes a removed agent's socket (4001) and refuses it afterwards", async () => {
    const agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    const closed = agent.closed();
    await removeAgent(testServiceContext(h.t.db, undefined, h.waiters), agent.agentId);
    expect((await closed).code).toBe(4001);
    expect(await upgradeStatus({ authorization: `Bearer ${agent.agentId}.${agent.agentSecret}` })).toBe(401);
    await expect(removeAgent(testServiceContext(h.t.db, undefined, h.waiters), agent.agentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("never lets agent A's secret act as agent B", async () => {
    const a = await FakeAgent.connect({ url: h.url, token: await h.token() });
    const b = await FakeAgent.connect({ url: h.url, token: await h.token() });
    expect(await upgradeStatus({ authorization: `Bearer ${b.agentId}.${a.agentSecret}` })).toBe(401);
    // A result for B's command sent over A's socket is refused and changes nothing.
    const commandId = randomUUID();
    await h.t.db.insert(commands).values({ id: commandId, agentId: b.agentId, type: "list-processes", payload: {}, status: "sent", expiresAt: new Date(Date.now() + 60_000) });
    a.send({ type: "command-result", commandId, ok: false, error: { code: "failed", message: "forged" } });
    expect(await a.next("error")).toMatchObject({ code: "invalid", inReplyTo: commandId });
    expect((await h.t.db.select().from(commands).where(eq(commands.id, commandId)))[0]?.status).toBe("sent");
    // A hello claiming B's id over A's connection closes A's connection.
    a.send({ type: "hello", agentId: b.agentId, name: "evil", os: "x", platform: "linux", loggedInUser: null, specs: { cpu: { model: "x", cores: 1 }, memoryBytes: 1, disks: [] }, features: [], agentVersion: "1" });
    expect((await a.closed()).code).toBe(4003);
    expect((await h.t.db.select().from(agents).where(eq(agents.id, b.agentId)))[0]?.name).toBe("fake-host");
    await b.close();
  });

  it("refuses a browser Origin that is not ours (403) and unknown paths (404)", async () => {
    const token = await h.token();
    expect(await upgradeStatus({ origin: "http://evil.example", "x-enrollment-token": token })).toBe(403);
    expect(await upgradeStatus({ "x-enrollment-token": token }, "/other")).toBe(404);
  });
});

describe("bad input", () => {
  it("answers malformed and unknown messages with an error and keeps the connection", async () => {
    const agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    agent.send("{not json");
    expect(await agent.next("error")).toMatchObject({ code: "malformed" });
    agent.send({ type: "teleport" });
    expect(await agent.next("error")).toMatchObject({ code: "unknown-type" });
    agent.send({ type: "monitoring-metrics", cpuPercent: "high" });
    expect(await agent.next("error")).toMatchObject({ code: "invalid" });
    expect(agent.socket.readyState).toBe(WebSocket.OPEN);
    await agent.close();
  });

  it("closes the connection on a message above maxPayload (1009)", async () => {
    const agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    agent.send("x".repeat(MAX_PAYLOAD_BYTES + 1));
    expect((await agent.closed()).code).toBe(1009);
  });

  it("rate-limits a flood, and says so without echoing every message", async () => {
    const agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // let the earlier error's quiet second pass
    for (let i = 0; i < RATE_BURST + 100; i++) agent.send({ type: "monitoring-metrics", at: new Date().toISOString(), cpuPercent: 1, memoryPercent: 1, diskPercent: 1, network: { rxBytesPerSec: 0, txBytesPerSec: 0 } });
    expect(await agent.next("error")).toMatchObject({ code: "rate-limited" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(agent.received.filter((m) => m.type === "error").length).toBe(1);
    expect(agent.socket.readyState).toBe(WebSocket.OPEN);
    await agent.close();
  });
});

describe("presence", () => {
  it("records hello's inventory and shows online, then offline when the socket closes", async () => {
    const agent = await FakeAgent.connect({ url: h.url, token: await h.token(), name: "LAPTOP-7" });
    const [row] = await h.t.db.select().from(agents).where(eq(agents.id, agent.agentId));
    expect(row).toMatchObject({ name: "LAPTOP-7", platform: "linux", status: "online", gatewayId: h.gateway.gatewayId, loggedInUser: "tester" });
    expect(row?.specs?.cpu?.cores).toBe(4);
    expect(row?.bootTime?.toISOString()).toBe(FAKE_BOOT_TIME);
    await agent.close();
    await expect.poll(() => status(agent.agentId)).toBe("offline");
  });

  it("shows a crashed gateway's agents offline and lets them reconnect elsewhere", async () => {
    const other = await createGateway({ db: h.t.db, databaseUrl: h.t.url, publicUrl: "http://rmm.test" });
    const port = await other.listen(0, "127.0.0.1");
    const agent = await FakeAgent.connect({ url: `ws://127.0.0.1:${port}/agent`, token: await h.token() });
    expect(await status(agent.agentId)).toBe("online");
    // A crash: the process vanishes without a word, its heartbeat goes stale.
    other.server.close();
    await h.t.db.update(gateways).set({ heartbeatAt: new Date(Date.now() - 60_000) }).where(eq(gateways.id, other.gatewayId));
    await h.gateway.presence.sweepDeadGateways();
    expect(await status(agent.agentId)).toBe("offline");
    const back = await FakeAgent.connect({ url: h.url, credentials: { agentId: agent.agentId, agentSecret: agent.agentSecret } });
    expect((await h.t.db.select().from(agents).where(eq(agents.id, agent.agentId)))[0]).toMatchObject({ status: "online", gatewayId: h.gateway.gatewayId });
    await back.close();
    await agent.close();
  });

  it("when started in place of a crashed gateway, shows that one's agents offline at once", async () => {
    const crashed = await createGateway({ db: h.t.db, databaseUrl: h.t.url, publicUrl: "http://rmm.test" });
    const agent = await FakeAgent.connect({ url: `ws://127.0.0.1:${await crashed.listen(0, "127.0.0.1")}/agent`, token: await h.token() });
    // Its heartbeat is fresh: only the launcher's word says it is dead.
    const successor = await createGateway({ db: h.t.db, databaseUrl: h.t.url, publicUrl: "http://rmm.test", replaces: crashed.gatewayId });
    expect(await status(agent.agentId)).toBe("offline");
    expect(await h.t.db.select().from(gateways).where(eq(gateways.id, crashed.gatewayId))).toHaveLength(0);
    expect(await h.t.db.select().from(gateways).where(eq(gateways.id, successor.gatewayId))).toHaveLength(1);
    await crashed.close();
    await successor.close();
    await agent.closed();
  });

  it("logs one line when an agent connects and one when it leaves, with why and after how long", async () => {
    const lines: string[] = [];
    let clock = 1_000_000;
    const logged = await createGateway({ db: h.t.db, databaseUrl: h.t.url, publicUrl: "http://rmm.test", log: (line) => lines.push(line), now: () => clock });
    const url = `ws://127.0.0.1:${await logged.listen(0, "127.0.0.1")}/agent`;
    const agent = await FakeAgent.connect({ url, token: await h.token(), name: "LAPTOP-7" });
    expect(lines).toEqual([`[gateway] agent ${agent.agentId} "LAPTOP-7" connected from 127.0.0.1, agent version 0.0.0-test`]);
    clock += 125_000;
    agent.socket.close(1000, "agent stopping");
    await expect.poll(() => lines.length).toBe(2);
    expect(lines[1]).toBe(`[gateway] agent ${agent.agentId} "LAPTOP-7" from 127.0.0.1 disconnected after 2 min 5 s: agent stopping (code 1000)`);

    const dropped = await FakeAgent.connect({ url, credentials: { agentId: agent.agentId, agentSecret: agent.agentSecret }, name: "LAPTOP-7" });
    dropped.socket.terminate();
    await expect.poll(() => lines.length).toBe(4);
    expect(lines[3]).toMatch(/disconnected after 0 ms: connection lost \(code 1006\)$/);
    await logged.close();
  });

  it("on graceful shutdown tells agents to reconnect (1012) and records them offline", async () => {
    const other = await createGateway({ db: h.t.db, databaseUrl: h.t.url, publicUrl: "http://rmm.test" });
    const port = await other.listen(0, "127.0.0.1");
    const agent = await FakeAgent.connect({ url: `ws://127.0.0.1:${port}/agent`, token: await h.token() });
    const closed = agent.closed();
    await other.close();
    expect((await closed).code).toBe(1012);
    expect(await status(agent.agentId)).toBe("offline");
  });
});
