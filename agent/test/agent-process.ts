/**
 * Runs the agent from source (node --import tsx), or a built executable, as
 * a real child process for integration tests, and reads its JSON-lines log.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface LogLine {
  time: string;
  level: string;
  event: string;
  [field: string]: unknown;
}

export class AgentProcess {
  readonly logs: LogLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  /**
   * From source with `--config`, or `executable` (a built single executable) with `args`. `env` is
   * added to this process's environment (RMM_AGENT_TEST_TIMINGS, say).
   */
  constructor(configPath: string, { env = {}, executable, args = [] }: { env?: Record<string, string>; executable?: string; args?: string[] } = {}) {
    const [command, argv] = executable ? [executable, args] : [process.execPath, ["--import", "tsx", "agent/src/main.ts", "--config", configPath, ...args]];
    this.child = spawn(command, argv, {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let pending = "";
    this.child.stdout!.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) this.logs.push(JSON.parse(line) as LogLine);
    });
    this.child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(`[agent stderr] ${chunk.toString("utf8")}`));
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  events(event: string): LogLine[] {
    return this.logs.filter((line) => line.event === event);
  }
}
