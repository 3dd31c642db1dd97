/**
 * `npm run bench:sse`: 1,000 SSE viewers of one stream topic, 500 events a second for 20 seconds.
 * Three processes, as in production: this one publishes with `publishStreamEvent` (the gateway's
 * part), a server process runs the real stream hub and `streamResponse` behind a node HTTP server
 * (the web's part, bench/sse-server.ts), and a viewers process holds the HTTP clients
 * (bench/sse-viewers.ts). Each event carries the time it was published; the lag is its arrival at a
 * viewer minus that. Prints a markdown table on stdout (progress on stderr).
 *
 *   --viewers 1000   --rate 500 (events/s)   --duration 20 (s)   --size 100 (bytes of output per event)
 *   --drain 60 (s): after the last publish, how long to wait for deliveries still on their way (the
 *   wait ends as soon as every viewer has everything, or nothing arrived for 3 s); what has not
 *   arrived then counts as lost.
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { publishStreamEvent } from "../src/server/streams/publish";
import { onCleanup, runCleanup } from "./cleanup";
import { cpuSecondsOf, machineBusyPercent, ownCpuSeconds, postgresCpuSeconds } from "./cpu";
import { ensureOpenFileLimit } from "./fd-limit";
import { startBenchDatabase } from "./postgres";
import { machineTable, markdownTable } from "./report";
import { percentile, sleep } from "./stats";

const { values: args } = parseArgs({
  options: {
    viewers: { type: "string", default: "1000" },
    rate: { type: "string", default: "500" },
    duration: { type: "string", default: "20" },
    drain: { type: "string", default: "60" },
    size: { type: "string", default: "100" },
  },
});
const viewers = Number(args.viewers);
const rate = Number(args.rate);
const durationSeconds = Number(args.duration);
const TOPIC = "shell:bench-agent";
const TARGET_P99_MS = 200;
const log = (line: string) => console.error(`[bench:sse] ${line}`);

function child(script: string, env: Record<string, string>): ChildProcess {
  const process_ = fork(new URL(script, import.meta.url).pathname, [], { execArgv: ["--import", "tsx"], env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  onCleanup(() => void process_.kill("SIGKILL"));
  return process_;
}

function nextMessage<T>(process_: ChildProcess, type: string, accept: (message: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const listener = (message: { type: string } & T) => {
      if (message.type === type && accept(message)) {
        process_.off("message", listener);
        resolve(message);
      }
    };
    process_.on("message", listener);
  });
}

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
}

function percentileOf(histogram: number[], total: number, p: number): number {
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (let ms = 0; ms < histogram.length; ms++) {
    seen += histogram[ms]!;
    if (seen >= rank) return ms;
  }
  return NaN;
}

async function main() {
  await ensureOpenFileLimit(viewers * 2 + 1_024);
  const backgroundBusy = await machineBusyPercent(2_000);
  log("starting embedded PostgreSQL...");
  const database = await startBenchDatabase();
  const server = child("./sse-server.ts", { DATABASE_URL: database.url, BENCH_TOPIC: TOPIC });
  const { port } = await nextMessage<{ port: number }>(server, "listening");
  const rssIdle = await rssKb(server.pid!);
  log(`server on port ${port}; connecting ${viewers} viewers...`);
  const clients = child("./sse-viewers.ts", { BENCH_PORT: String(port), BENCH_VIEWERS: String(viewers) });
  await nextMessage<{ count: number }>(server, "viewers", (message) => message.count >= viewers);
  const rssConnected = await rssKb(server.pid!);

  log(`${viewers} viewers subscribed; publishing ${rate} events/s for ${durationSeconds} s...`);
  clients.send({ type: "measure" });
  const cpuOf = async () => ({ server: await cpuSecondsOf(server.pid!), viewers: await cpuSecondsOf(clients.pid!), postgres: await postgresCpuSeconds(database.sql), publisher: ownCpuSeconds() });
  const cpuBefore = await cpuOf();
  const publishMs: number[] = [];
  const output = "x".repeat(Number(args.size));
  const total = Math.round(rate * durationSeconds);
  const started = performance.now();
  let published = 0;
  let failed = 0;
  let rssPeak = rssConnected;
  const publishing: Promise<unknown>[] = [];
  const rssTimer = setInterval(() => void rssKb(server.pid!).then((kb) => (rssPeak = Math.max(rssPeak, kb))), 500);
  // A fixed schedule: every millisecond tick publishes what is due by then, without waiting for earlier publishes.
  while (published < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; published < due; published++) {
      const t = Date.now();
      publishing.push(
        publishStreamEvent(database.db, { topic: TOPIC, event: "shell", data: { seq: published, t, output } }).then(
          () => publishMs.push(Date.now() - t),
          () => (failed += 1),
        ),
      );
    }
    await sleep(1);
  }
  await Promise.all(publishing);
  const publishSeconds = (performance.now() - started) / 1000;
  const expectedDeliveries = (total - failed) * viewers;
  let delivered = 0;
  let lastProgress = Date.now();
  const onProgress = (message: { type: string; received?: number }) => {
    if (message.type !== "progress" || message.received === delivered) return;
    delivered = message.received ?? 0;
    lastProgress = Date.now();
  };
  clients.on("message", onProgress);
  const drainUntil = Date.now() + Number(args.drain) * 1000;
  while (delivered < expectedDeliveries && Date.now() < drainUntil && Date.now() - lastProgress < 3_000) await sleep(100);
  clients.off("message", onProgress);
  clearInterval(rssTimer);
  const cpuAfter = await cpuOf();
  clients.send({ type: "report" });
  const report = await nextMessage<{ histogram: number[]; received: number; dropped: number; maxLag: number; fewest: number; most: number; chunks: number }>(clients, "report");

  const expected = expectedDeliveries;
  const p = (q: number) => percentileOf(report.histogram, report.received, q);
  const p99 = p(99);
  const out = [
    "# SSE fan-out benchmark",
    "",
    await machineTable(database.version, backgroundBusy),
    "",
    markdownTable(
      ["viewers", "events published", "rate achieved (/s)", "deliveries expected", "received", "lost", "`dropped` notices (events)", "fewest / most per viewer", "reads per viewer per second"],
      [[viewers, total - failed, (total / publishSeconds).toFixed(1), expected, report.received, expected - report.received, report.dropped, `${report.fewest} / ${report.most}`, (report.chunks / viewers / publishSeconds).toFixed(1)]],
    ),
    "",
    markdownTable(
      ["delivery lag", "p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)", `p99 target (< ${TARGET_P99_MS} ms)`],
      [
        ["publish -> viewer", p(50), p(95), p99, report.maxLag, p99 < TARGET_P99_MS ? "met" : "missed"],
        ["of which publishing (the insert and NOTIFY committed)", percentile(publishMs, 50), percentile(publishMs, 95), percentile(publishMs, 99), Math.max(...publishMs), ""],
      ],
    ),
    "",
    markdownTable(
      ["server RSS idle (MB)", "with viewers (MB)", "peak while publishing (MB)", "CPU s: server / PostgreSQL / viewers / publisher"],
      [[(rssIdle / 1024).toFixed(1), (rssConnected / 1024).toFixed(1), (rssPeak / 1024).toFixed(1), (["server", "postgres", "viewers", "publisher"] as const).map((k) => (cpuAfter[k] - cpuBefore[k]).toFixed(1)).join(" / ")]],
    ),
  ];
  console.log(out.join("\n"));
  clients.kill();
  server.kill();
  await Promise.all([once(clients, "exit"), once(server, "exit")]);
  await database.stop();
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void runCleanup().then(() => process.exit(130)));
main()
  .then(async () => {
    await runCleanup();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    console.error("[bench:sse] failed:", error);
    await runCleanup();
    process.exit(1);
  });
