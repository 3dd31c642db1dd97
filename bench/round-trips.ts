/**
 * Benchmark 2: command round trips through the PostgreSQL bus. The web side (this process) calls
 * `requestAgent` exactly as the API does; the command travels queue row + NOTIFY -> gateway process
 * -> simulated agent -> result row + NOTIFY -> waiter. Requests are issued open-loop at a fixed
 * rate (not one after another), so a slow answer cannot hide the queueing it causes.
 */
import { performance } from "node:perf_hooks";
import { gte } from "drizzle-orm";
import type { ListProcessesResult } from "../src/protocol";
import { CommandWaiters } from "../src/server/bus/command-waiters";
import { BusListener } from "../src/server/bus/listener";
import type { Db, Sql } from "../src/server/db/client";
import { commands } from "../src/server/db/schema";
import { requestAgent } from "../src/server/services/agent-commands";
import { onCleanup } from "./cleanup";
import { machineBusySeconds, ownCpuSeconds, postgresCpuSeconds } from "./cpu";
import { startGatewayProcess } from "./gateway-process";
import type { AgentCredentials } from "./postgres";
import { SimAgents } from "./sim-agents";
import { percentile, sleep } from "./stats";

export type RoundTripOptions = {
  databaseUrl: string;
  db: Db;
  sql: Sql;
  credentials: AgentCredentials[];
  localAddresses: string[];
  concurrency: number;
  gatewayNodeArgs?: string[];
  agents: number;
  ratePerSecond: number;
  durationSeconds: number;
  warmUpSeconds: number;
};

export type Distribution = { p50: number; p90: number; p99: number; max: number };

export type RoundTripResult = {
  agents: number;
  targetRate: number;
  completed: number;
  failed: number;
  achievedRate: number;
  latencyMs: Distribution;
  /** From the command rows' timestamps (millisecond resolution): where the time goes. */
  phasesMs: { queuedToSent: Distribution; sentToCompleted: Distribution };
  /** CPU milliseconds per completed command, by process; `others` is everything else on the machine. */
  cpuMsPerCommand: { gateway: number; postgres: number; bench: number; others: number };
  /** CPU other processes used during the measured window, in % of one core: a disturbed run shows here. */
  othersCorePercent: number;
};

const REQUEST_TIMEOUT_MS = 10_000;

/** The smallest valid `list-processes` result: the bench measures the bus, not JSON size. */
function tinyProcessList(): ListProcessesResult {
  return {
    processes: [{ pid: 1, name: "init", cpuPercent: 0.1, memoryBytes: 4096 }],
    cpuPercent: 5,
    memoryPercent: 40,
    diskPercent: 50,
    network: { rxBytesPerSec: 100, txBytesPerSec: 50 },
    collectedAt: new Date().toISOString(),
  };
}

function distribution(samples: number[]): Distribution {
  return { p50: percentile(samples, 50), p90: percentile(samples, 90), p99: percentile(samples, 99), max: samples.length ? samples.reduce((max, sample) => Math.max(max, sample), -Infinity) : NaN };
}

export async function measureRoundTrips(options: RoundTripOptions): Promise<RoundTripResult> {
  const credentials = options.credentials.slice(0, options.agents);
  const gateway = await startGatewayProcess(options.databaseUrl, { nodeArgs: options.gatewayNodeArgs });
  const agents = new SimAgents(gateway.url, options.localAddresses, (command) => (command.type === "list-processes" ? tinyProcessList() : undefined));
  // The web process's side of the bus, wired as src/server/bus/web-bus.ts does.
  const listener = new BusListener(options.databaseUrl);
  const closeListener = onCleanup(() => listener.close());
  const deps = { db: options.db, waiters: new CommandWaiters(options.db, listener), actor: { username: "bench" }, timeoutMs: REQUEST_TIMEOUT_MS };
  try {
    await agents.connect(credentials, options.concurrency);
    await deps.waiters.whenListening();

    const latencies: number[] = [];
    let failed = 0;
    let firstError: unknown;
    const inFlight = new Set<Promise<void>>();
    const issue = (record: boolean) => {
      const agentId = credentials[Math.floor(Math.random() * credentials.length)]!.agentId;
      const started = performance.now();
      const request = requestAgent(deps, { agentId, type: "list-processes", payload: {} }).then(
        () => void (record && latencies.push(performance.now() - started)),
        (error: unknown) => {
          failed++;
          firstError ??= error;
        },
      );
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    };

    // Warm-up at the same rate (JIT, pools, plan caches), then the measured window.
    await drive(options.ratePerSecond, options.warmUpSeconds * 1000, () => issue(false));
    await Promise.all(inFlight);
    failed = 0;
    firstError = undefined;
    const windowStart = new Date();
    const cpuBefore = { gateway: await gateway.cpuSeconds(), postgres: await postgresCpuSeconds(options.sql), bench: ownCpuSeconds(), machine: await machineBusySeconds() };
    const started = performance.now();
    await drive(options.ratePerSecond, options.durationSeconds * 1000, () => issue(true));
    await Promise.all(inFlight);
    const elapsedSeconds = (performance.now() - started) / 1000;
    const used = {
      gateway: (await gateway.cpuSeconds()) - cpuBefore.gateway,
      postgres: (await postgresCpuSeconds(options.sql)) - cpuBefore.postgres,
      bench: ownCpuSeconds() - cpuBefore.bench,
    };
    const othersSeconds = Math.max(0, (await machineBusySeconds()) - cpuBefore.machine - used.gateway - used.postgres - used.bench);
    const perCommand = (seconds: number) => (seconds * 1000) / Math.max(1, latencies.length);
    const cpuMsPerCommand = { gateway: perCommand(used.gateway), postgres: perCommand(used.postgres), bench: perCommand(used.bench), others: perCommand(othersSeconds) };
    if (failed > 0) console.error(`[bench] ${failed} requests failed; the first: ${String(firstError)}`);

    const rows = await options.db.select({ createdAt: commands.createdAt, sentAt: commands.sentAt, completedAt: commands.completedAt }).from(commands).where(gte(commands.createdAt, windowStart));
    const span = (from: Date | null, to: Date | null) => (from && to ? to.getTime() - from.getTime() : NaN);
    return {
      agents: credentials.length,
      targetRate: options.ratePerSecond,
      completed: latencies.length,
      failed,
      achievedRate: latencies.length / elapsedSeconds,
      latencyMs: distribution(latencies),
      phasesMs: {
        queuedToSent: distribution(rows.map((row) => span(row.createdAt, row.sentAt)).filter(Number.isFinite)),
        sentToCompleted: distribution(rows.map((row) => span(row.sentAt, row.completedAt)).filter(Number.isFinite)),
      },
      cpuMsPerCommand,
      othersCorePercent: (othersSeconds / elapsedSeconds) * 100,
    };
  } finally {
    await gateway.stop();
    await agents.close();
    await closeListener();
  }
}

/** Calls `issue` `ratePerSecond` times a second for `durationMs`, catching up after a late timer. */
async function drive(ratePerSecond: number, durationMs: number, issue: () => void): Promise<void> {
  const started = performance.now();
  let issued = 0;
  for (;;) {
    const elapsed = performance.now() - started;
    if (elapsed >= durationMs) return;
    const due = Math.floor((elapsed * ratePerSecond) / 1000) + 1;
    for (; issued < due; issued++) issue();
    await sleep(1);
  }
}
