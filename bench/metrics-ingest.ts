/**
 * `npm run bench:metrics`: metric ingestion, 20,000 `monitoring-metrics` samples a second from
 * simulated agents for 20 seconds, into the gateway's real MetricsStore against embedded
 * PostgreSQL. Two passes on the same database: the history alone (rows plus each agent's latest
 * figures), then with the live stream chunks of specification 002's metrics stream as well. A pass
 * keeps up when, after the last sample, everything is stored within one flush interval.
 * Prints a markdown table on stdout (progress on stderr).
 *
 *   --rate 20000 (samples/s)   --agents 20000   --duration 20 (s)
 */
import { parseArgs } from "node:util";
import { FLUSH_INTERVAL_MS, MetricsStore, type FlushReport } from "../src/agent-gateway/metrics-store";
import type { MonitoringMetricsMessage } from "../src/protocol";
import { onCleanup, runCleanup } from "./cleanup";
import { machineBusyPercent, ownCpuSeconds, postgresCpuSeconds } from "./cpu";
import { seedAgents, startBenchDatabase, type BenchDatabase } from "./postgres";
import { machineTable, markdownTable } from "./report";
import { percentile, sleep } from "./stats";

const { values: args } = parseArgs({
  options: {
    rate: { type: "string", default: "20000" },
    agents: { type: "string", default: "20000" },
    duration: { type: "string", default: "20" },
  },
});
const rate = Number(args.rate);
const agentCount = Number(args.agents);
const durationSeconds = Number(args.duration);
const log = (line: string) => console.error(`[bench:metrics] ${line}`);
const num = (value: number, decimals = 0) => (Number.isFinite(value) ? value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : "n/a");

type PassResult = {
  label: string;
  offered: number;
  stored: number;
  drainSeconds: number;
  flushes: FlushReport[];
  dropped: number;
  rssPeakMb: number;
  benchCpu: number;
  postgresCpu: number;
  streamChunks: number;
};

async function pass(database: BenchDatabase, agentIds: string[], label: string, live: boolean): Promise<PassResult> {
  await database.sql`truncate agent_metrics, stream_events`;
  const flushes: FlushReport[] = [];
  const store = new MetricsStore(database.db, { live, onFlush: (report) => flushes.push(report) });
  const stop = onCleanup(() => store.stop());
  const cpuBefore = { bench: ownCpuSeconds(), postgres: await postgresCpuSeconds(database.sql) };
  let rssPeak = process.memoryUsage().rss;
  const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 250);
  const total = Math.round(rate * durationSeconds);
  const started = performance.now();
  let sent = 0;
  // A fixed schedule: every tick adds what is due by then, agents in turn (each one every agents/rate seconds).
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    const at = new Date().toISOString();
    for (; sent < due; sent++) {
      const message: MonitoringMetricsMessage = { type: "monitoring-metrics", at, cpuPercent: (sent % 100) + 0.5, memoryPercent: 42.5, diskPercent: 61.25, network: { rxBytesPerSec: sent % 10_000, txBytesPerSec: 2_048 } };
      store.add(agentIds[sent % agentIds.length]!, message);
    }
    await sleep(5);
  }
  const generated = performance.now();
  await stop();
  const drainSeconds = (performance.now() - generated) / 1000;
  clearInterval(rssTimer);
  const [{ count } = { count: 0 }] = await database.sql<{ count: number }[]>`select count(*)::int as count from agent_metrics`;
  const [{ chunks } = { chunks: 0 }] = await database.sql<{ chunks: number }[]>`select count(*)::int as chunks from stream_events`;
  return {
    label,
    offered: total,
    stored: count,
    drainSeconds,
    flushes,
    dropped: flushes.reduce((sum, flush) => sum + flush.dropped, 0),
    rssPeakMb: rssPeak / 1024 / 1024,
    benchCpu: ownCpuSeconds() - cpuBefore.bench,
    postgresCpu: (await postgresCpuSeconds(database.sql)) - cpuBefore.postgres,
    streamChunks: chunks,
  };
}

async function main() {
  const backgroundBusy = await machineBusyPercent(2_000);
  log("starting embedded PostgreSQL...");
  const database = await startBenchDatabase();
  const agentIds = (await seedAgents(database.db, agentCount)).map((agent) => agent.agentId);
  const results: PassResult[] = [];
  for (const [label, live] of [["history and latest figures", false], ["... plus live stream chunks", true]] as const) {
    log(`${label}: ${num(rate)} samples/s from ${num(agentCount)} agents for ${durationSeconds} s...`);
    results.push(await pass(database, agentIds, label, live));
  }
  const [{ size } = { size: "" }] = await database.sql<{ size: string }[]>`select pg_size_pretty(pg_total_relation_size('agent_metrics')) as size`;
  const out = [
    "# Metric ingestion benchmark",
    "",
    await machineTable(database.version, backgroundBusy),
    "",
    `${num(rate)} samples/s offered from ${num(agentCount)} agents for ${durationSeconds} s per pass; the store flushes every ${FLUSH_INTERVAL_MS / 1000} s or at its batch size.`,
    "",
    markdownTable(
      ["pass", "offered", "stored rows", "dropped", "kept up", "achieved samples/s (incl. drain)", "drain after last sample (s)", "flushes", "rows per flush p50", "flush p50 (ms)", "flush p99 (ms)", "flush max (ms)", "live chunks stored", "CPU s: bench / PostgreSQL", "RSS peak (MB)"],
      results.map((r) => {
        const ms = r.flushes.filter((flush) => flush.rows > 0).map((flush) => flush.ms);
        return [
          r.label,
          num(r.offered),
          num(r.stored),
          num(r.dropped),
          r.dropped === 0 && r.stored === r.offered && r.drainSeconds * 1000 <= FLUSH_INTERVAL_MS ? "yes" : "**no**",
          num(r.stored / (durationSeconds + r.drainSeconds)),
          num(r.drainSeconds, 2),
          num(ms.length),
          num(percentile(r.flushes.map((flush) => flush.rows), 50)),
          num(percentile(ms, 50), 1),
          num(percentile(ms, 99), 1),
          num(Math.max(...ms), 1),
          num(r.streamChunks),
          `${num(r.benchCpu, 1)} / ${num(r.postgresCpu, 1)}`,
          num(r.rssPeakMb, 1),
        ];
      }),
    ),
    "",
    `agent_metrics after the last pass: ${size} for ${num(results.at(-1)?.stored ?? 0)} rows (with indexes).`,
  ];
  console.log(out.join("\n"));
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
