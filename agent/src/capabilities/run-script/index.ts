/**
 * Runs one library script (`run-script`). The content is written to a private temporary folder
 * under the extension its interpreter expects, and the interpreter is started by absolute path
 * with the file and the arguments as an argument array: nothing received is ever spliced into a
 * command line. Timeout, tree kill and output caps are run-command's (`runShellPlan`); the folder
 * is removed afterwards, whatever the outcome.
 */
import { spawn, type SpawnOptions } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { RUN_COMMAND_MAX_OUTPUT_BYTES, type CommandPayload, type RunCommandResult, type ScriptLanguage } from "../../../../src/protocol";
import type { HandlerTable } from "../../commands/dispatcher";
import { CommandError } from "../../command-error";
import { powerShellPath } from "../../platform/powershell";
import { system32, systemRoot } from "../../platform/windows-paths";
import { implementationFor, type SupportedPlatform } from "../platform-map";
import { killProcessGroup, killWindowsTree } from "../../platform/kill-tree";
import { runShellPlan, type ShellPlan, type Spawner } from "../run-command";

export type RunScriptRequest = CommandPayload<"run-script">;

export interface RunScriptCapability {
  run(request: RunScriptRequest): Promise<RunCommandResult>;
}

const EXTENSIONS: Record<ScriptLanguage, string> = { powershell: ".ps1", python: ".py", bash: ".sh", cmd: ".cmd" };

/** Where each interpreter is looked for, first found wins; the language is refused when none exists. */
const LINUX_INTERPRETERS: Partial<Record<ScriptLanguage, string[]>> = {
  bash: ["/bin/bash", "/usr/bin/bash", "/bin/sh"],
  python: ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"],
};

/** cmd.exe parses its whole command line again: an argument with these characters could run something else. */
const CMD_METACHARACTERS = /[&|<>^%"!()\r\n]/;

type Env = Record<string, string | undefined>;

function linuxInvocation(language: ScriptLanguage, file: string, args: string[], exists: (file: string) => boolean): { file: string; args: string[] } {
  const interpreter = (LINUX_INTERPRETERS[language] ?? []).find(exists);
  if (!interpreter) throw new CommandError("unsupported", `${language} scripts cannot run on this Linux device (no interpreter found)`);
  return { file: interpreter, args: [file, ...args] };
}

function windowsInvocation(language: ScriptLanguage, file: string, args: string[], env: Env, exists: (file: string) => boolean): { file: string; args: string[] } {
  switch (language) {
    case "powershell":
      return { file: powerShellPath(env), args: ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", file, ...args] };
    case "cmd": {
      const unsafe = args.find((arg) => CMD_METACHARACTERS.test(arg));
      if (unsafe !== undefined) throw new CommandError("invalid", `cmd scripts take no arguments with cmd.exe metacharacters (${JSON.stringify(unsafe)})`);
      return { file: path.win32.join(system32(env), "cmd.exe"), args: ["/d", "/c", file, ...args] };
    }
    case "python": {
      // The Python launcher installs itself into %SystemRoot%; a bare `python` would be searched for beside the agent first.
      const launcher = path.win32.join(systemRoot(env), "py.exe");
      if (!exists(launcher)) throw new CommandError("unsupported", "python scripts need the Python launcher (py.exe) on this Windows device");
      return { file: launcher, args: ["-3", file, ...args] };
    }
    case "bash":
      throw new CommandError("unsupported", "bash scripts do not run on Windows");
  }
}

/** How to start one script already written to `file`: interpreter, argument array, and how to end it. */
export function scriptPlan(
  platform: SupportedPlatform,
  request: Pick<RunScriptRequest, "language" | "args">,
  file: string,
  options: { spawner: Spawner; env?: Env; exists?: (file: string) => boolean },
): ShellPlan {
  const { env = process.env, exists = existsSync } = options;
  if (platform === "linux") {
    const invocation = linuxInvocation(request.language, file, request.args, exists);
    return { ...invocation, options: { detached: true, cwd: path.dirname(file), stdio: ["ignore", "pipe", "pipe"] }, killTree: (child) => killProcessGroup(child, "SIGKILL") };
  }
  const invocation = windowsInvocation(request.language, file, request.args, env, exists);
  const spawnOptions: SpawnOptions = { cwd: path.win32.dirname(file), windowsHide: true, stdio: ["ignore", "pipe", "pipe"] };
  return { ...invocation, options: spawnOptions, killTree: (child) => killWindowsTree(child, options.spawner, env) };
}

export function runScriptCapabilityFor(
  platform: NodeJS.Platform,
  options: { spawner?: Spawner; tempRoot?: string; maxOutputBytes?: number } = {},
): RunScriptCapability {
  const supported = implementationFor<SupportedPlatform>({ linux: "linux", win32: "win32" }, platform, "run-script");
  const { spawner = spawn, tempRoot = os.tmpdir(), maxOutputBytes = RUN_COMMAND_MAX_OUTPUT_BYTES } = options;
  return {
    async run(request) {
      const folder = await mkdtemp(path.join(tempRoot, "rmm-script-"));
      try {
        const file = path.join(folder, `script${EXTENSIONS[request.language]}`);
        // Owner only: other local users must not read the script nor swap it before it starts.
        await writeFile(file, request.content, { mode: 0o700 });
        await chmod(folder, 0o700);
        const plan = scriptPlan(supported, request, file, { spawner });
        return await runShellPlan(plan, spawner, { timeoutMs: request.timeoutSeconds * 1000, maxOutputBytes });
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}

export function runScriptHandlers(runScript: RunScriptCapability): HandlerTable {
  return { "run-script": (command) => runScript.run(command) };
}
