/**
 * `npm run bench:files`: a file moved through the product against the same bytes over a
 * plain TCP socket on loopback. The product's paths are the real ones: this process plays the web
 * server (the streamed download of file-routes.ts, served over HTTP on loopback to curl, which
 * stands for the browser in a process of its own; the upload of the multipart route), the commands
 * travel through PostgreSQL and a gateway process, the bytes through the gateway's file relay (or,
 * for the comparison rows, as chunk commands), and the agent is its own process running the real
 * agent. A floor row moves the file untouched through as many processes and sockets as the relay
 * (bench/tcp-hop.ts): what the shape costs before any of the product's work. Memory is the
 * resident set above its level before the transfer, sampled every 50 ms, for the web side (this
 * process) and the gateway. Tables on stdout, progress on stderr. Needs curl.
 *
 *   --megabytes 200   size of the file       --only download|upload
 *   --skip-chunks     leave out the chunk-command rows (about half a minute for 200 MB)
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { randomBytes, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { CommandWaiters } from "../src/server/bus/command-waiters";
import { BusListener } from "../src/server/bus/listener";
import { findRelay } from "../src/server/file-relay/relay-target";
import { openRelayedDownload } from "../src/server/file-relay/relayed-download";
import { sendThroughRelay } from "../src/server/file-relay/relayed-upload";
import { requestAgent, type CommandDeps } from "../src/server/services/agent-commands";
import { openDownload, pushUpload, remoteBaseName, sendInChunks, type UploadSteps } from "../src/server/services/file-transfer";
import { DOWNLOAD_CHUNK_BYTES } from "../src/server/services/files";
import { onCleanup, runCleanup } from "./cleanup";
import { cpuSecondsOf } from "./cpu";
import { startGatewayProcess, type GatewayProcess } from "./gateway-process";
import { seedAgents, startBenchDatabase } from "./postgres";
import { sleep } from "./stats";

const { values: args } = parseArgs({ options: { megabytes: { type: "string", default: "200" }, only: { type: "string" }, "skip-chunks": { type: "boolean", default: false } } });
const BYTES = Math.floor(Number(args.megabytes) * 1024 * 1024);
if (!(BYTES > 0)) throw new Error(`--megabytes must be a positive number, got '${args.megabytes}'`);
const log = (line: string) => console.error(`[bench] ${line}`);
// The web side (this process) and the gateway sign and check relay tokens with keys from this secret.
const AUTH_SECRET = randomBytes(32).toString("hex");
process.env.AUTH_SECRET = AUTH_SECRET;
const MB = 1024 * 1024;

type CpuSeconds = { agent: number; gateway: number; web: number; client: number };
type Measured = { seconds: number; webPeakMb: number; gatewayPeakMb: number; cpuSeconds: CpuSeconds };

/** CPU seconds used so far by the agent process, the gateway, this process (the web side) and the exited clients (curl). */
async function cpuNow(gateway: GatewayProcess, agentPid: number): Promise<CpuSeconds> {
  const own = process.cpuUsage();
  const client = (await cpuSecondsOf(process.pid, { reaped: true })) - (await cpuSecondsOf(process.pid));
  return { agent: await cpuSecondsOf(agentPid), gateway: await gateway.cpuSeconds(), web: (own.user + own.system) / 1e6, client };
}

/** Peak resident memory above the starting level, for this process and the gateway, and the CPU each party used, while `work` runs. */
async function measure(gateway: GatewayProcess, agentPid: number, work: () => Promise<void>): Promise<Measured> {
  global.gc?.();
  await sleep(200);
  const webBase = process.memoryUsage().rss;
  const gatewayBase = (await gateway.rssKb()) * 1024;
  let webPeak = webBase;
  let gatewayPeak = gatewayBase;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      webPeak = Math.max(webPeak, process.memoryUsage().rss);
      gatewayPeak = Math.max(gatewayPeak, (await gateway.rssKb()) * 1024);
      await sleep(50);
    }
  })();
  const cpuBefore = await cpuNow(gateway, agentPid);
  const started = performance.now();
  try {
    await work();
  } finally {
    sampling = false;
    await sampler;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await cpuNow(gateway, agentPid);
  const cpuSeconds = { agent: cpuAfter.agent - cpuBefore.agent, gateway: cpuAfter.gateway - cpuBefore.gateway, web: cpuAfter.web - cpuBefore.web, client: cpuAfter.client - cpuBefore.client };
  return { seconds, webPeakMb: (webPeak - webBase) / MB, gatewayPeakMb: (gatewayPeak - gatewayBase) / MB, cpuSeconds };
}

/**
 * Serves one body over HTTP on loopback and downloads it with curl, as its own process: the client
 * stands for a browser or script elsewhere, so it must not share this process's event loop with
 * the web side it measures. Answers the bytes curl received.
 */
async function serveAndRead(body: () => Promise<ReadableStream<Uint8Array>>): Promise<number> {
  const server = http.createServer((_request, response) => {
    void body().then(
      (stream) => pipeline(Readable.fromWeb(stream as never), response),
      (error: unknown) => response.destroy(error as Error),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const stop = onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  try {
    const { port } = server.address() as net.AddressInfo;
    const curl = spawn("curl", ["--silent", "--show-error", "--fail", "--output", "/dev/null", "--write-out", "%{size_download}", `http://127.0.0.1:${port}/`], { stdio: ["ignore", "pipe", "inherit"] });
    let written = "";
    curl.stdout.on("data", (piece: Buffer) => (written += piece.toString()));
    const [code] = (await once(curl, "exit")) as [number | null];
    if (code !== 0) throw new Error(`curl exited with ${code}`);
    return Number(written);
  } finally {
    await stop();
  }
}

/** The baseline: the file read from disk and sent through a TCP socket on loopback to a reader that counts it. */
async function rawSocketCopy(file: string): Promise<number> {
  let received = 0;
  const server = net.createServer((socket) => void pipeline(createReadStream(file), socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const stop = onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  try {
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect(port, "127.0.0.1");
    for await (const piece of socket as AsyncIterable<Buffer>) received += piece.length;
    return received;
  } finally {
    await stop();
  }
}

/** A bench/tcp-hop.ts process: the port it listens on, and how to stop it. */
async function startHop(role: "source" | "proxy", argument: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/tcp-hop.ts", role, argument], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  const stop = onCleanup(async () => {
    if (child.exitCode !== null) return;
    child.kill();
    await once(child, "exit");
  });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  return { port: Number(line.toString().trim()), stop };
}

/**
 * The floor for the relay's shape, best of `runs`: the file through three processes and three
 * loopback sockets, bytes untouched. The processes are stopped before the relay is measured.
 */
async function plainHopsSeconds(file: string, runs: number): Promise<number> {
  const source = await startHop("source", file);
  const first = await startHop("proxy", String(source.port));
  const second = await startHop("proxy", String(first.port));
  try {
    let best = Infinity;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      let received = 0;
      for await (const piece of net.connect(second.port, "127.0.0.1") as AsyncIterable<Buffer>) received += piece.length;
      if (received !== BYTES) throw new Error(`the plain hops moved ${received} of ${BYTES} bytes`);
      best = Math.min(best, (performance.now() - started) / 1000);
    }
    return best;
  } finally {
    await Promise.all([source, first, second].map((hop) => hop.stop()));
  }
}

async function startAgentProcess(gatewayUrl: string, credentials: { agentId: string; agentSecret: string }) {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/file-agent.ts"], {
    env: { ...process.env, BENCH_GATEWAY_URL: gatewayUrl, BENCH_AGENT_ID: credentials.agentId, BENCH_AGENT_SECRET: credentials.agentSecret },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  onCleanup(() => {
    child.kill("SIGTERM");
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`the bench agent exited (${code})`)));
  });
  return child.pid!;
}

function row(name: string, bytes: number, result: Measured | { seconds: number }, baseline: number) {
  const rate = bytes / MB / result.seconds;
  const measured = "webPeakMb" in result ? [`${result.webPeakMb.toFixed(1)} MB`, `${result.gatewayPeakMb.toFixed(1)} MB`, [result.cpuSeconds.agent, result.cpuSeconds.gateway, result.cpuSeconds.web, result.cpuSeconds.client].map((cpu) => cpu.toFixed(2)).join(" / ")] : ["—", "—", "—"];
  return `| ${name} | ${result.seconds.toFixed(2)} s | ${rate.toFixed(1)} MB/s | ${((rate / baseline) * 100).toFixed(1)} % | ${measured.join(" | ")} |`;
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "rmm-bench-files-"));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  const source = path.join(dir, "source.bin");
  log(`writing a ${args.megabytes} MB random file`);
  await pipeline(
    Readable.from((function* () {
      for (let written = 0; written < BYTES; written += MB) yield randomBytes(Math.min(MB, BYTES - written));
    })()),
    createWriteStream(source),
  );

  log("starting PostgreSQL, the gateway and the agent");
  const loadBefore = loadavg();
  const database = await startBenchDatabase();
  const [credentials] = await seedAgents(database.db, 1);
  const gateway = await startGatewayProcess(database.url, { env: { AUTH_SECRET } });
  const agentPid = await startAgentProcess(gateway.url, credentials!);
  const listener = new BusListener(database.url);
  onCleanup(() => listener.close());
  const deps: CommandDeps = { db: database.db, waiters: new CommandWaiters(database.db, listener), actor: { username: "bench" }, timeoutMs: 60_000 };
  const agentId = credentials!.agentId;
  // Wait until the gateway has marked the agent online.
  for (let tries = 0; ; tries++) {
    try {
      await requestAgent(deps, { agentId, type: "file-list", payload: { path: dir } });
      break;
    } catch (error) {
      if (tries > 100) throw error;
      await sleep(100);
    }
  }
  const relay = await findRelay(database.db, agentId, "file-stream-download");
  if (!relay) throw new Error("the agent or its gateway has no file relay");

  // The best of three: the baseline varies with what else the machine does, and the best is the strictest comparison.
  log("raw socket copy, three times");
  let rawSeconds = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const received = await rawSocketCopy(source);
    if (received !== BYTES) throw new Error(`raw copy moved ${received} of ${BYTES} bytes`);
    rawSeconds = Math.min(rawSeconds, (performance.now() - started) / 1000);
  }
  const baseline = BYTES / MB / rawSeconds;
  const rows = [row("raw TCP socket, loopback (best of 3)", BYTES, { seconds: rawSeconds }, baseline)];
  log("plain TCP through three processes, three times");
  const hopsSeconds = await plainHopsSeconds(source, 3);
  rows.push(row("plain TCP, source → proxy → proxy → reader, 4 processes (best of 3)", BYTES, { seconds: hopsSeconds }, baseline));

  const downloadRow = async (name: string, body: () => Promise<ReadableStream<Uint8Array>>) => {
    log(name);
    const result = await measure(gateway, agentPid, async () => {
      const received = await serveAndRead(body);
      if (received !== BYTES) throw new Error(`the download moved ${received} of ${BYTES} bytes`);
    });
    rows.push(row(name, BYTES, result, baseline));
  };
  const uploadRow = async (name: string, send: UploadSteps["send"]) => {
    log(name);
    const steps: UploadSteps = {
      start: ({ path: target, totalBytes, overwrite, uploadId }) => requestAgent(deps, { agentId, type: "upload-file-start", payload: { uploadId: uploadId ?? `bench-${Date.now()}`, path: target, overwrite, ...(totalBytes === undefined ? {} : { totalBytes }) } }),
      send,
      finish: (input) => requestAgent(deps, { agentId, type: "upload-file-end", payload: input }),
    };
    const target = path.join(dir, "uploaded.bin");
    const result = await measure(gateway, agentPid, async () => {
      await pushUpload(steps, { path: target, overwrite: true, totalBytes: BYTES, source: createReadStream(source), limitBytes: BYTES });
    });
    if ((await stat(target)).size !== BYTES) throw new Error("the upload wrote another size");
    rows.push(row(name, BYTES, result, baseline));
  };

  // Each relay path twice: the first transfer after start also pays for what a process grows once
  // (code compiled on first use, V8's young generation sized up for the traffic), the second does not.
  for (const pass of ["first after start", "again"]) {
    if (args.only !== "upload") {
      await downloadRow(`download through the file relay, ${pass}`, async () => {
        const opened = await requestAgent(deps, { agentId, type: "file-stream-download", payload: { transferId: randomUUID(), path: source } });
        return openRelayedDownload(relay, opened);
      });
    }
    if (args.only !== "download") {
      await uploadRow(`upload through the file relay, ${pass}`, sendThroughRelay(relay, (input) => requestAgent(deps, { agentId, type: "file-stream-upload", payload: input })));
    }
  }
  if (!args["skip-chunks"] && args.only !== "upload") {
    const read = (offset: number) => requestAgent(deps, { agentId, type: "download-file", payload: { path: source, offset, length: DOWNLOAD_CHUNK_BYTES } });
    await downloadRow(`download as chunk commands (${DOWNLOAD_CHUNK_BYTES / MB} MiB, 3 in flight)`, async () => (await openDownload(read, remoteBaseName)).body);
  }
  if (!args["skip-chunks"] && args.only !== "download") {
    await uploadRow("upload as chunk commands (256 KiB, one at a time)", sendInChunks((input) => requestAgent(deps, { agentId, type: "upload-file-chunk", payload: input })));
  }
  const loadAfter = loadavg();

  // Where a command's time goes, from the rows' timestamps: waiting to be sent, and at the agent and back.
  const phases = await database.sql<{ type: string; count: number; queued_ms: number; sent_ms: number }[]>`
    select type, count(*)::int as count,
      avg(extract(epoch from sent_at - created_at) * 1000)::float as queued_ms,
      avg(extract(epoch from completed_at - sent_at) * 1000)::float as sent_ms
    from commands where type like 'file-stream-%' or type in ('download-file', 'upload-file-start', 'upload-file-chunk', 'upload-file-end') group by type order by type`;

  const load = (figures: number[]) => figures.map((figure) => figure.toFixed(2)).join(" / ");
  console.log(`### File transfer, ${args.megabytes} MB on loopback\n`);
  console.log(`Load average (1 / 5 / 15 min) before: ${load(loadBefore)}; after: ${load(loadAfter)}\n`);
  console.log("| path | time | throughput | of raw | web memory (peak extra) | gateway memory (peak extra) | CPU s: agent / gateway / web / curl |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const line of rows) console.log(line);
  console.log("\n| command | count | created → sent (mean) | sent → result stored (mean) |");
  console.log("| --- | --- | --- | --- |");
  for (const phase of phases) console.log(`| ${phase.type} | ${phase.count} | ${phase.queued_ms.toFixed(1)} ms | ${phase.sent_ms.toFixed(1)} ms |`);
  console.log("\nGoal: at least 50 % of the raw socket's throughput and under 32 MB of extra server memory.");
}

main()
  .catch((error: unknown) => {
    console.error("[bench] failed:", error);
    process.exitCode = 1;
  })
  .finally(() => runCleanup().then(() => process.exit()));
