/**
 * A launcher of its own for the specs that crash things (launcher, supervision), on ports apart
 * from the shared product's, in a data folder of their own. Its output is kept: the specs read the
 * pids it logs for each (re)started child.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export type Launcher = {
  child: ChildProcess;
  /** Resolves once the dashboard URL is printed; rejects if the launcher exits first. */
  ready: Promise<void>;
  output(): string;
  /** The pids the launcher logged for a child ("[start] gateway running (pid 123)"), oldest first. */
  pids(name: "web" | "gateway"): number[];
};

/**
 * `terminal`: the launcher leads a process group of its own, as in a shell, so that `pressCtrlC`
 * signals it and its services together, as a Ctrl-C in that terminal would.
 */
export function startLauncher(options: { dataDir: string; port: number; env?: Record<string, string>; terminal?: boolean }): Launcher {
  const child = spawn(process.execPath, ["--import", "tsx", "src/launcher/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(options.port), GATEWAY_PORT: String(options.port + 1), RMM_DATA_DIR: options.dataDir, DATABASE_URL: "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.terminal ?? false,
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("RMM dashboard:")) resolve();
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    child.once("exit", (code) => reject(new Error(`launcher exited with ${code}:\n${output}`)));
  });
  return {
    child,
    ready,
    output: () => output,
    pids: (name) => [...output.matchAll(new RegExp(`\\[start\\] ${name} running \\(pid (\\d+)\\)`, "g"))].map((match) => Number(match[1])),
  };
}

/** SIGINT to the launcher's process group (started with `terminal: true`), as Ctrl-C sends it. */
export function pressCtrlC(launcher: Launcher): void {
  process.kill(-launcher.child.pid!, "SIGINT");
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
