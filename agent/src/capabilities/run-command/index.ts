/**
 * Runs one shell command for the command queue (`run-command`). The text arrives as data and is
 * handed to the platform shell as a single argument: `/bin/sh -c <text>` on Linux; on Windows,
 * PowerShell by its full path reads it from an environment variable, so it never passes through
 * command-line quoting. At the timeout the whole process tree is killed; each output stream is
 * kept up to a cap. The spawner is injected so tests can stand in for the OS.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import path from "node:path";
import { RUN_COMMAND_MAX_OUTPUT_BYTES, RUN_COMMAND_TRUNCATED, type RunCommandResult } from "../../../../src/protocol";
import { powerShellArguments, powerShellEnvironment, powerShellPath } from "../../platform/powershell";
import { system32 } from "../../platform/windows-paths";
import type { HandlerTable } from "../../commands/dispatcher";

export interface RunCommandCapability {
  run(command: string, timeoutSeconds: number): Promise<RunCommandResult>;
}

export type Spawner = (file: string, args: string[], options: SpawnOptions) => ChildProcess;

/** How to start the shell for a command, and how to end it with everything it started. */
export interface ShellPlan {
  file: string;
  args: string[];
  options: SpawnOptions;
  killTree: (child: ChildProcess) => void;
}

/** A Linux process started in its own group (`detached`), ended with everything it started. */
export function killLinuxGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

/** A Windows process ended with its whole tree, by taskkill from System32. */
export function windowsTreeKiller(spawner: Spawner, env: Record<string, string | undefined> = process.env): (child: ChildProcess) => void {
  return (child) => {
    if (child.pid === undefined) return;
    spawner(path.win32.join(system32(env), "taskkill.exe"), ["/T", "/F", "/PID", String(child.pid)], { windowsHide: true, stdio: "ignore" }).on("error", () => child.kill());
  };
}

export function linuxShell(command: string): ShellPlan {
  return {
    file: "/bin/sh",
    args: ["-c", command],
    // Its own process group, so the kill reaches what the shell started too.
    options: { detached: true, stdio: ["ignore", "pipe", "pipe"] },
    killTree: killLinuxGroup,
  };
}

export function windowsShell(command: string, spawner: Spawner, env: Record<string, string | undefined> = process.env): ShellPlan {
  return {
    file: powerShellPath(env),
    args: powerShellArguments("& ([scriptblock]::Create($env:RMM_ARG_COMMAND)); exit $LASTEXITCODE"),
    options: { env: powerShellEnvironment({ COMMAND: command }), windowsHide: true, stdio: ["ignore", "pipe", "pipe"] },
    killTree: windowsTreeKiller(spawner, env),
  };
}

/** Keeps the first `max` bytes of a stream. */
class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private truncated = false;

  constructor(private readonly max: number) {}

  add(chunk: Buffer): void {
    const room = this.max - this.size;
    if (chunk.length > room) this.truncated = true;
    if (room <= 0) return;
    const kept = chunk.subarray(0, room);
    this.chunks.push(kept);
    this.size += kept.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString("utf8") + (this.truncated ? RUN_COMMAND_TRUNCATED : "");
  }
}

export function runShellPlan(plan: ShellPlan, spawner: Spawner, limits: { timeoutMs: number; maxOutputBytes: number }): Promise<RunCommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawner(plan.file, plan.args, plan.options);
    const stdout = new CappedOutput(limits.maxOutputBytes);
    const stderr = new CappedOutput(limits.maxOutputBytes);
    child.stdout?.on("data", (chunk: Buffer) => stdout.add(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.add(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      plan.killTree(child);
    }, limits.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // `close`, not `exit`: the streams have ended too (or the tree was killed).
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ exitCode: timedOut ? null : code, stdout: stdout.text(), stderr: stderr.text(), timedOut, durationMs: Date.now() - started });
    });
  });
}

export function runCommandCapabilityFor(platform: NodeJS.Platform, spawner: Spawner = spawn, maxOutputBytes = RUN_COMMAND_MAX_OUTPUT_BYTES): RunCommandCapability {
  if (platform !== "linux" && platform !== "win32") throw new Error(`run-command is not implemented on ${platform}`);
  return {
    run: (command, timeoutSeconds) =>
      runShellPlan(platform === "linux" ? linuxShell(command) : windowsShell(command, spawner), spawner, { timeoutMs: timeoutSeconds * 1000, maxOutputBytes }),
  };
}

export function runCommandHandlers(runCommand: RunCommandCapability): HandlerTable {
  return { "run-command": ({ command, timeoutSeconds }) => runCommand.run(command, timeoutSeconds) };
}
