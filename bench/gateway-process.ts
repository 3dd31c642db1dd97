/**
 * The agent gateway as its own process, exactly as the launcher runs it (`node --import tsx
 * src/agent-gateway/main.ts`), so that its memory and CPU can be read from /proc without the
 * bench's own sockets mixed in.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { onCleanup } from "./cleanup";
import { cpuSecondsOf } from "./cpu";

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export type GatewayProcess = {
  pid: number;
  /** ws:// URL of the agent endpoint. */
  url: string;
  /** Resident set size (VmRSS), in KB. */
  rssKb(): Promise<number>;
  /** User + system CPU time used so far, in seconds. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
};

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `nodeArgs` go before the script, e.g. `--cpu-prof` to see where the gateway spends its time. */
export async function startGatewayProcess(databaseUrl: string, options: { host?: string; nodeArgs?: string[] } = {}): Promise<GatewayProcess> {
  const host = options.host ?? "127.0.0.1";
  const port = await freePort(host);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "src/agent-gateway/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: randomBytes(32).toString("hex"), GATEWAY_PORT: String(port), HOST: host, PUBLIC_URL: `http://${host}:1` },
    // The IPC channel ties the gateway to us: main.ts shuts down when it disconnects, so a bench
    // that is killed outright does not leave an orphaned gateway behind.
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const { pid, stdout, stderr } = child;
  if (pid === undefined || !stdout || !stderr) throw new Error("could not spawn the gateway process");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  // Keep the tail of its output: it is the only clue when the gateway fails.
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split("\n").filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  stdout.on("data", keep);
  stderr.on("data", keep);

  const stop = onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const force = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    child.kill("SIGTERM"); // graceful: main.ts closes sockets and marks its agents offline
    await exited;
    clearTimeout(force);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the gateway did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      stdout.on("data", (chunk: Buffer) => {
        if (!chunk.toString().includes(" listening on ")) return;
        clearTimeout(timer);
        resolve();
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the gateway exited during start-up (code ${code}):\n${tail.join("\n")}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    pid,
    url: `ws://${host}:${port}/agent`,
    async rssKb() {
      const status = await readFile(`/proc/${pid}/status`, "utf8");
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
    },
    cpuSeconds: () => cpuSecondsOf(pid),
    stop,
  };
}
