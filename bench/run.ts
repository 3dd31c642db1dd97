/**
 * `npm run bench`: both benchmarks against a throw-away embedded PostgreSQL, results as markdown
 * on stdout (progress on stderr, so `npm run bench > results.md` keeps only the tables).
 * Everything started is torn down on success, failure, Ctrl-C and the overall time limit.
 *
 *   --sizes 1000,5000,10000  connection steps        --agents 1000   agents for the round trips
 *   --rate 200               commands per second      --duration 15   measured seconds (after --warmup 2)
 *   --concurrency 200        handshakes in flight     --settle 5      seconds before reading RSS
 *   --addresses 8            source addresses 127.0.0.2...            --only connections|round-trips|device-list
 *   --devices 10000          agents for the device list (list queries, no gateway)
 *   --timeout 280            overall limit in seconds
 *   --profile DIR            write the gateway's CPU profiles (.cpuprofile, for Chrome DevTools) to DIR
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { runCleanup } from "./cleanup";
import { measureConnections, type ConnectionResult } from "./connections";
import { machineBusyPercent } from "./cpu";
import { deviceListTable, measureDeviceList } from "./device-list";
import { ensureOpenFileLimit } from "./fd-limit";
import { seedAgents, startBenchDatabase } from "./postgres";
import { connectionsTable, machineTable, roundTripTables, targetsTable } from "./report";
import { measureRoundTrips, type RoundTripResult } from "./round-trips";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,5000,10000" },
    agents: { type: "string", default: "1000" },
    rate: { type: "string", default: "200" },
    duration: { type: "string", default: "15" },
    warmup: { type: "string", default: "2" },
    concurrency: { type: "string", default: "200" },
    settle: { type: "string", default: "5" },
    addresses: { type: "string", default: "8" },
    only: { type: "string" },
    devices: { type: "string", default: "10000" },
    timeout: { type: "string", default: "280" },
    profile: { type: "string" },
  },
});

function positive(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number, got '${value}'`);
  return parsed;
}

const sizes = (args.sizes ?? "").split(",").map((size) => Math.floor(positive("sizes", size)));
const roundTripAgents = Math.floor(positive("agents", args.agents));
const ONLY = ["connections", "round-trips", "device-list"];
if (args.only !== undefined && !ONLY.includes(args.only)) throw new Error(`--only must be one of ${ONLY.join(", ")}, got '${args.only}'`);
const runConnections = args.only === undefined || args.only === "connections";
const runRoundTrips = args.only === undefined || args.only === "round-trips";
const runDeviceList = args.only === undefined || args.only === "device-list";
// 127.0.0.2, 127.0.0.3, ...: the whole 127/8 is loopback on Linux, no setup needed.
const localAddresses = Array.from({ length: Math.min(250, Math.floor(positive("addresses", args.addresses))) }, (_, i) => `127.0.0.${i + 2}`);
const log = (line: string) => console.error(`[bench] ${line}`);

async function main() {
  const largest = Math.max(runConnections ? Math.max(...sizes) : 0, runRoundTrips ? roundTripAgents : 0);
  // Both ends of every connection live on this machine: one descriptor each side, plus slack.
  const fdLimit = await ensureOpenFileLimit(largest + 1_024);
  const backgroundBusy = await machineBusyPercent(2_000);
  log(`open-file limit ${fdLimit}; other processes keep the CPU ${Math.round(backgroundBusy)} % busy; starting embedded PostgreSQL...`);
  const database = await startBenchDatabase();
  const credentials = await seedAgents(database.db, largest);
  log(`${credentials.length} agents created`);
  const common = {
    databaseUrl: database.url,
    sql: database.sql,
    credentials,
    localAddresses,
    concurrency: Math.floor(positive("concurrency", args.concurrency)),
    gatewayNodeArgs: args.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(args.profile)}`] : [],
  };

  const out: string[] = ["# Gateway benchmarks", "", "## Machine", "", await machineTable(database.version, backgroundBusy), ""];
  const connectionResults: ConnectionResult[] = [];
  if (runConnections) {
    for (const size of sizes) {
      log(`connections: ${size} agents...`);
      connectionResults.push(await measureConnections(size, { ...common, settleMs: positive("settle", args.settle) * 1000 }));
    }
    out.push("## Connections (one gateway process)", "", connectionsTable(connectionResults), "");
  }
  let roundTrips: RoundTripResult | undefined;
  if (runRoundTrips) {
    log(`round trips: ${roundTripAgents} agents, ${args.rate} commands/s for ${args.duration} s...`);
    roundTrips = await measureRoundTrips({
      ...common,
      db: database.db,
      agents: roundTripAgents,
      ratePerSecond: positive("rate", args.rate),
      durationSeconds: positive("duration", args.duration),
      warmUpSeconds: Number(args.warmup) || 0,
    });
    out.push("## Command round trips through the bus", "", ...roundTripTables(roundTrips), "");
  }
  if (runDeviceList) {
    // In a database of its own: the gateway benchmarks' agents would skew the list.
    const devices = Math.floor(positive("devices", args.devices));
    log(`device list: seeding ${devices} agents...`);
    const listDatabase = await startBenchDatabase();
    out.push("## Device list", "", deviceListTable(devices, await measureDeviceList(listDatabase.db, devices)), "");
    await listDatabase.stop();
  }
  if (runConnections || runRoundTrips) out.push("## Targets", "", targetsTable(connectionResults, roundTrips));
  console.log(out.join("\n"));
  await database.stop();
}

// Bounded runtime, and no orphaned gateway or PostgreSQL on Ctrl-C.
const watchdog = setTimeout(() => void abort(`overall time limit of ${args.timeout} s reached`, 2), positive("timeout", args.timeout) * 1000);
watchdog.unref();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void abort(`${signal} received`, 130));

let aborting = false;
async function abort(reason: string, code: number) {
  aborting = true;
  log(`${reason}; cleaning up`);
  await runCleanup();
  process.exit(code);
}

main()
  .then(async () => {
    if (aborting) return;
    await runCleanup();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    // After an abort, errors are only the echo of sockets and processes being torn down.
    if (aborting) return;
    console.error("[bench] failed:", error);
    await runCleanup();
    process.exit(1);
  });
