/**
 * The agent gateway as its own process, exactly as the launcher runs it (`node --import tsx
 * src/agent-gateway/main.ts`): for tests that must pause it (SIGSTOP) or watch it from outside,
 * and for the bench, which reads its memory and CPU without its own sockets mixed in.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export type GatewayProcess = {
  pid: number;
  child: ChildProcess;
  /** ws:// URL of the agent endpoint. */
  url: string;
  /** The last lines it printed (stdout and stderr): the only clue when it fails. */
  output(): string[];
  /** SIGTERM (graceful: it closes sockets and marks its agents offline), SIGKILL after a grace period. */
  stop(): Promise<void>;
};

export type GatewayProcessOptions = {
  host?: string;
  /** Before the script, e.g. `--cpu-prof` to see where the gateway spends its time. */
  nodeArgs?: string[];
  /** Configuration variables on top of the ones every gateway needs (see src/server/config.ts). */
  env?: Record<string, string>;
};

export async function spawnGatewayProcess(databaseUrl: string, options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  const host = options.host ?? "127.0.0.1";
  const port = await freePort(host);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "src/agent-gateway/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: randomBytes(32).toString("hex"), GATEWAY_PORT: String(port), HOST: host, PUBLIC_URL: `http://${host}:1`, ...options.env },
    // The IPC channel ties the gateway to us: main.ts shuts down when it disconnects, so a test or
    // bench that is killed outright does not leave an orphaned gateway behind.
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const { pid, stdout, stderr } = child;
  if (pid === undefined || !stdout || !stderr) throw new Error("could not spawn the gateway process");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split("\n").filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  stdout.on("data", keep);
  stderr.on("data", keep);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const force = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    child.kill("SIGCONT"); // a paused process would never act on SIGTERM
    child.kill("SIGTERM");
    await exited;
    clearTimeout(force);
  };

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

  return { pid, child, url: `ws://${host}:${port}/agent`, output: () => [...tail], stop };
}
