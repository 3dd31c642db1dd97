/**
 * The real agent (agent/src/agent.ts with this OS's capabilities and its own WebSocket client) in
 * this process, enrolled with a token against a test gateway, in a temporary folder of its own: for
 * tests of what only the agent itself does, such as the binary frames of file streams.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { Agent } from "../../agent/src/agent";
import { capabilitiesFor } from "../../agent/src/capabilities/registry";
import { createLogger } from "../../agent/src/log";
import { StateStore } from "../../agent/src/state";
import type { Db } from "../server/db/client";
import { agents } from "../server/db/schema";

export type RealAgent = { agentId: string; agent: Agent; stop(): Promise<void> };

const ONLINE_WITHIN_MS = 15_000;

export async function startRealAgent(input: { gatewayUrl: string; token: string; db: Db }): Promise<RealAgent> {
  const dir = await mkdtemp(join(tmpdir(), "rmm-real-agent-"));
  const config = { gatewayUrl: input.gatewayUrl, enrollmentToken: input.token };
  const configPath = join(dir, "server.json");
  await writeFile(configPath, JSON.stringify(config));
  const store = new StateStore(join(dir, "agent-state.json"));
  const agent = new Agent({
    config,
    configPath,
    store,
    identity: null,
    capabilities: capabilitiesFor(process.platform),
    log: createLogger(() => {}),
    service: false,
    update: { binary: join(dir, "rmm-agent"), cannotUpdate: "run by a test" },
  });
  const stop = async () => {
    await agent.stop();
    await rm(dir, { recursive: true, force: true });
  };
  await agent.start();
  for (const deadline = Date.now() + ONLINE_WITHIN_MS; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const agentId = (await store.load())?.agentId;
    if (!agentId) continue;
    const [row] = await input.db.select({ status: agents.status }).from(agents).where(eq(agents.id, agentId));
    if (row?.status === "online") return { agentId, agent, stop };
  }
  await stop();
  throw new Error(`the agent was not online within ${ONLINE_WITHIN_MS / 1000} s`);
}
