/**
 * The agent side of the file-transfer bench, as its own process (so its memory is not counted as
 * the server's): the real agent (agent/src/agent.ts, its WebSocket client with binary frames and
 * its file capability), with the identity the bench seeded. Started by file-transfer.ts with the
 * agent's credentials and gateway URL in the environment; prints "ready" once it is started (the
 * bench then waits until the gateway has it online).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent } from "../agent/src/agent";
import { capabilitiesFor } from "../agent/src/capabilities/registry";
import { createLogger } from "../agent/src/log";
import { StateStore } from "../agent/src/state";

const { BENCH_GATEWAY_URL: gatewayUrl, BENCH_AGENT_ID: agentId, BENCH_AGENT_SECRET: agentSecret } = process.env;
if (!gatewayUrl || !agentId || !agentSecret) throw new Error("BENCH_GATEWAY_URL, BENCH_AGENT_ID and BENCH_AGENT_SECRET are required");

const dir = await mkdtemp(join(tmpdir(), "rmm-bench-agent-"));
const agent = new Agent({
  config: { gatewayUrl },
  configPath: join(dir, "server.json"),
  store: new StateStore(join(dir, "agent-state.json")),
  identity: { agentId, agentSecret, enrolledAt: new Date().toISOString() },
  capabilities: capabilitiesFor(process.platform),
  log: createLogger(() => {}),
  service: false,
  update: { binary: join(dir, "rmm-agent"), cannotUpdate: "run by the bench" },
});
await agent.start();
process.stdout.write("ready\n");

const stop = async () => {
  await agent.stop();
  await rm(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("disconnect", () => void stop());
process.on("SIGTERM", () => void stop());
