/**
 * Self-update through the real gateway: the release in agent/dist is published, offered to a
 * pilot agent at hello and not (yet) to a general one, downloadable only with the agent's own
 * credential, and the agent's reports and its next hello are recorded.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentReleases, agents, auditLog } from "../server/db/schema";
import { getAgent, listAgents, setUpdateRing } from "../server/services/agents";
import { testServiceContext } from "../test/actors";
import { FakeAgent } from "../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../test/gateway-harness";

const BINARY = Buffer.from("the 0.2.0 agent for linux");
const SHA256 = createHash("sha256").update(BINARY).digest("hex");

let h: GatewayHarness;
let distDir: string;

beforeAll(async () => {
  distDir = await mkdtemp(path.join(os.tmpdir(), "rmm-dist-"));
  await writeFile(path.join(distDir, "rmm-agent"), BINARY);
  await writeFile(path.join(distDir, "release.json"), JSON.stringify({ version: "0.2.0", files: [{ platform: "linux", file: "rmm-agent", sha256: SHA256, size: BINARY.length }] }));
  h = await startGatewayHarness({ updates: { distDir, delayHours: 24, sweepMs: 200 } });
});
afterAll(async () => {
  await h.stop();
  await rm(distDir, { recursive: true, force: true });
});

const updateUrl = (version: string) => `http://127.0.0.1:${h.port}/agent/update?version=${version}`;
/** The offer arrives right after hello-ack, possibly before the test starts waiting for it. */
async function offerTo(agent: FakeAgent) {
  await expect.poll(() => agent.received.find((message) => message.type === "agent-update-available")).toBeDefined();
  return agent.received.find((message) => message.type === "agent-update-available");
}
const offered = (agent: FakeAgent) => agent.received.some((message) => message.type === "agent-update-available");

const row = async (agentId: string) => (await h.t.db.select().from(agents).where(eq(agents.id, agentId)))[0]!;

/** Enrolls, sets the ring, and comes back as an enrolled agent of version 0.1.0. */
async function agentInRing(ring: "pilot" | "general"): Promise<FakeAgent> {
  const enrolled = await FakeAgent.connect({ url: h.url, token: await h.token(), agentVersion: "0.1.0" });
  await enrolled.close();
  await h.t.db.update(agents).set({ updateRing: ring }).where(eq(agents.id, enrolled.agentId));
  return FakeAgent.connect({ url: h.url, credentials: { agentId: enrolled.agentId, agentSecret: enrolled.agentSecret }, agentVersion: "0.1.0" });
}

describe("agent self-update", () => {
  it("publishes the release built into agent/dist", async () => {
    expect(await h.t.db.select().from(agentReleases)).toMatchObject([{ platform: "linux", version: "0.2.0", sha256: SHA256, size: BINARY.length }]);
  });

  it("offers it to a pilot agent at hello, and serves it to that agent's credential only", async () => {
    const agent = await agentInRing("pilot");
    const offer = await offerTo(agent);
    expect(offer).toEqual({ type: "agent-update-available", version: "0.2.0", sha256: SHA256, size: BINARY.length });
    expect(await row(agent.agentId)).toMatchObject({ updateVersion: "0.2.0", updateState: "offered" });

    const authorization = `Bearer ${agent.agentId}.${agent.agentSecret}`;
    const download = await fetch(updateUrl("0.2.0"), { headers: { authorization } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(BINARY);
    expect((await fetch(updateUrl("0.2.0"), { headers: { authorization: `Bearer ${agent.agentId}.wrong` } })).status).toBe(401);
    expect((await fetch(updateUrl("0.2.0"))).status).toBe(401);
    expect((await fetch(updateUrl("0.1.9"), { headers: { authorization } })).status).toBe(404);
    await agent.close();
  });

  it("records the agent's reports, and the update as done when it says hello with the new version", async () => {
    const agent = await agentInRing("pilot");
    await offerTo(agent);
    agent.send({ type: "agent-update-status", version: "0.2.0", state: "installing" });
    await expect.poll(async () => (await row(agent.agentId)).updateState).toBe("installing");
    await agent.close();

    const updated = await FakeAgent.connect({ url: h.url, credentials: { agentId: agent.agentId, agentSecret: agent.agentSecret }, agentVersion: "0.2.0" });
    await expect.poll(async () => (await row(agent.agentId)).updateState).toBe("updated");
    expect((await row(agent.agentId)).agentVersion).toBe("0.2.0");
    expect(offered(updated)).toBe(false);
    await updated.close();
  });

  it("does not offer a version the agent rolled back from again", async () => {
    const agent = await agentInRing("pilot");
    await offerTo(agent);
    agent.send({ type: "agent-update-status", version: "0.2.0", state: "rolled-back", message: "0.2.0 did not connect within 60 s" });
    await expect.poll(async () => (await row(agent.agentId)).updateState).toBe("rolled-back");
    await agent.close();
    const again = await FakeAgent.connect({ url: h.url, credentials: { agentId: agent.agentId, agentSecret: agent.agentSecret }, agentVersion: "0.1.0" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(offered(again)).toBe(false);
    expect(await row(agent.agentId)).toMatchObject({ updateState: "rolled-back", updateMessage: "0.2.0 did not connect within 60 s" });
    await again.close();
  });

  it("waits the delay before offering it to the general ring", async () => {
    const agent = await agentInRing("general");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(offered(agent)).toBe(false);
    expect((await row(agent.agentId)).updateState).toBeNull();
    expect((await getAgent(h.t.db, agent.agentId)).agentUpdate).toMatchObject({ state: "scheduled", version: "0.2.0", dueAt: expect.any(String) });
    await agent.close();
  });

  it("shows the dashboard where each agent stands, and moves an agent to the pilot ring (audited)", async () => {
    const agent = await agentInRing("general");
    await setUpdateRing(testServiceContext(h.t.db), agent.agentId, "pilot");
    expect((await row(agent.agentId)).updateRing).toBe("pilot");
    const [entry] = await h.t.db.select().from(auditLog).where(and(eq(auditLog.action, "agent.update-ring"), eq(auditLog.target, agent.agentId)));
    expect(entry?.details).toMatchObject({ ring: "pilot" });
    // Already connected: the gateway's next sweep offers it.
    await offerTo(agent);
    const { items } = await listAgents(testServiceContext(h.t.db), { sortBy: "name", sortOrder: "asc", page: 1 });
    expect(items.find((item) => item.agentId === agent.agentId)).toMatchObject({ updateRing: "pilot", agentUpdate: { state: "offered", version: "0.2.0" } });
    await agent.close();
  });
});
