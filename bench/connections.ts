/**
 * Benchmark 1: N agents on one gateway process. Measures how fast they all get through the
 * upgrade and `hello` (connections per second), and the gateway's resident memory per connection.
 * A fresh gateway per step, so each step's baseline is an idle gateway.
 */
import { performance } from "node:perf_hooks";
import type { Sql } from "../src/server/db/client";
import { machineBusySeconds, ownCpuSeconds, postgresCpuSeconds } from "./cpu";
import { startGatewayProcess } from "./gateway-process";
import type { AgentCredentials } from "./postgres";
import { SimAgents } from "./sim-agents";
import { percentile, sleep } from "./stats";

export type ConnectionOptions = { databaseUrl: string; sql: Sql; credentials: AgentCredentials[]; localAddresses: string[]; concurrency: number; settleMs: number; gatewayNodeArgs?: string[] };

export type ConnectionResult = {
  agents: number;
  seconds: number;
  perSecond: number;
  connectP50Ms: number;
  connectP99Ms: number;
  gatewayCpuSeconds: number;
  postgresCpuSeconds: number;
  benchCpuSeconds: number;
  /** Everything else on the machine during the connect window: a disturbed run shows here. */
  othersCpuSeconds: number;
  baselineRssKb: number;
  rssKb: number;
  kbPerConnection: number;
};

/**
 * A few agents connect and leave before the baseline is taken, so that code loaded and compiled on
 * first use (handshake schemas, query builders, JIT) is not charged to the connections.
 */
const WARM_UP_AGENTS = 20;
const IDLE_BEFORE_BASELINE_MS = 2_000;

export async function measureConnections(count: number, options: ConnectionOptions): Promise<ConnectionResult> {
  if (count > options.credentials.length) throw new Error(`only ${options.credentials.length} agents were created, ${count} requested`);
  const gateway = await startGatewayProcess(options.databaseUrl, { nodeArgs: options.gatewayNodeArgs });
  const agents = new SimAgents(gateway.url, options.localAddresses);
  try {
    const warmUp = new SimAgents(gateway.url, options.localAddresses);
    await warmUp.connect(options.credentials.slice(0, WARM_UP_AGENTS), options.concurrency);
    await warmUp.close();
    await sleep(IDLE_BEFORE_BASELINE_MS);
    const baselineRssKb = await gateway.rssKb();
    const cpuBefore = { gateway: await gateway.cpuSeconds(), postgres: await postgresCpuSeconds(options.sql), bench: ownCpuSeconds(), machine: await machineBusySeconds() };

    const started = performance.now();
    const times = await agents.connect(options.credentials.slice(0, count), options.concurrency);
    const seconds = (performance.now() - started) / 1000;
    const cpu = {
      gateway: (await gateway.cpuSeconds()) - cpuBefore.gateway,
      postgres: (await postgresCpuSeconds(options.sql)) - cpuBefore.postgres,
      bench: ownCpuSeconds() - cpuBefore.bench,
      machine: (await machineBusySeconds()) - cpuBefore.machine,
    };

    // Let the gateway finish what the burst left behind (pending deliveries, GC) before reading RSS.
    await sleep(options.settleMs);
    if (agents.size !== count) throw new Error(`${count - agents.size} of ${count} agents were disconnected while settling`);
    if (agents.gatewayErrors > 0) throw new Error(`the gateway answered ${agents.gatewayErrors} error messages`);
    const rssKb = await gateway.rssKb();
    return {
      agents: count,
      seconds,
      perSecond: count / seconds,
      connectP50Ms: percentile(times, 50),
      connectP99Ms: percentile(times, 99),
      gatewayCpuSeconds: cpu.gateway,
      postgresCpuSeconds: cpu.postgres,
      benchCpuSeconds: cpu.bench,
      othersCpuSeconds: Math.max(0, cpu.machine - cpu.gateway - cpu.postgres - cpu.bench),
      baselineRssKb,
      rssKb,
      kbPerConnection: (rssKb - baselineRssKb) / count,
    };
  } finally {
    // Gateway first: its graceful stop marks all agents offline in one transaction, where closing
    // the clients first would make it write one offline transaction per agent.
    await gateway.stop();
    await agents.close();
  }
}
