/**
 * Removing a device through the real gateway: a connected agent is asked to uninstall itself and
 * its acknowledgement awaited (briefly) before its key is revoked; silent, old or offline agents
 * are revoked all the same, and the audit entry says which case it was.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agents, auditLog, commands } from "../server/db/schema";
import { removeAgent } from "../server/services/agents";
import { testServiceContext } from "../test/actors";
import { FakeAgent } from "../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../test/gateway-harness";

let h: GatewayHarness;
beforeAll(async () => {
  h = await startGatewayHarness();
});
afterAll(() => h.stop());

const context = () => testServiceContext(h.t.db, undefined, h.waiters);

async function auditOf(agentId: string) {
  const [entry] = await h.t.db.select().from(auditLog).where(and(eq(auditLog.action, "agent.revoke"), eq(auditLog.target, agentId)));
  return entry;
}

async function revokedAt(agentId: string) {
  return (await h.t.db.select({ revokedAt: agents.revokedAt }).from(agents).where(eq(agents.id, agentId)))[0]?.revokedAt;
}

describe("removing a device", () => {
  it("asks the connected agent to uninstall itself, waits for its acknowledgement, then revokes it", async () => {
    const agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    const order: string[] = [];
    agent.handlers.set("uninstall", () => {
      order.push("uninstall");
      return { mode: "service" };
    });
    const closed = agent.closed().then((close) => {
      order.push(`closed ${close.code}`);
    });

    expect(await removeAgent(context(), agent.agentId)).toEqual({ agentId: agent.agentId, uninstall: "confirmed" });
    await closed;
    expect(order).toEqual(["uninstall", "closed 4001"]);
    expect(await revokedAt(agent.agentId)).toBeInstanceOf(Date);
    expect(await auditOf(agent.agentId)).toMatchObject({ actor: "tester", details: { name: "fake-host", uninstall: "confirmed" } });
  });

  it("revokes an agent that does not answer within the wait, and says so", async () => {
    const agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    agent.handlers.set("uninstall", () => undefined); // never replies
    const closed = agent.closed();
    const started = Date.now();
    expect(await removeAgent(context(), agent.agentId, { uninstallTimeoutMs: 300 })).toMatchObject({ uninstall: "no-answer" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await closed).code).toBe(4001);
    expect(await auditOf(agent.agentId)).toMatchObject({ details: { uninstall: "no-answer" } });
  });

  it("revokes an agent too old to know uninstall", async () => {
    const agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    const closed = agent.closed();
    expect(await removeAgent(context(), agent.agentId)).toMatchObject({ uninstall: "refused" });
    expect((await closed).code).toBe(4001);
  });

  it("revokes an offline agent at once, asking it nothing", async () => {
    const agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    await agent.close();
    await expect.poll(async () => (await h.t.db.select({ status: agents.status }).from(agents).where(eq(agents.id, agent.agentId)))[0]?.status).toBe("offline");
    expect(await removeAgent(context(), agent.agentId)).toMatchObject({ uninstall: "offline" });
    expect(await h.t.db.select().from(commands).where(eq(commands.agentId, agent.agentId))).toEqual([]);
    expect(await revokedAt(agent.agentId)).toBeInstanceOf(Date);
  });
});
