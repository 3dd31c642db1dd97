/**
 * Runs the agent's fixed PowerShell scripts on Windows and validates their
 * JSON output with zod. Inputs reach a script only as environment variables
 * (`$env:RMM_ARG_<NAME>`), never by editing the script text, so nothing
 * received over the network can change what the script does.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import type { z } from "zod";
import { errorMessage } from "../util";
import { system32 } from "./windows-paths";

export interface PowerShellOptions {
  /** Exposed to the script as `$env:RMM_ARG_<NAME>`. */
  args?: Record<string, string>;
  timeoutMs?: number;
}

/** Forces UTF-8 output (Windows PowerShell defaults to the OEM code page) and stops on the first error. */
const PRELUDE = "$ErrorActionPreference = 'Stop'; [Console]::OutputEncoding = [System.Text.Encoding]::UTF8; $ProgressPreference = 'SilentlyContinue'\n";

/**
 * Windows PowerShell by its full path under %SystemRoot%. A bare `powershell.exe` is searched for
 * in the agent's own folder first, so a file dropped beside the agent would run as the agent.
 */
export function powerShellPath(env: Record<string, string | undefined> = process.env): string {
  return path.win32.join(system32(env), "WindowsPowerShell", "v1.0", "powershell.exe");
}

/**
 * -EncodedCommand (base64 UTF-16LE) is used rather than -Command so the
 * script's own quotes never go through Windows command-line quoting.
 */
export function powerShellArguments(script: string): string[] {
  const encoded = Buffer.from(PRELUDE + script, "utf16le").toString("base64");
  return ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand", encoded];
}

export function powerShellEnvironment(args: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(args)) env[`RMM_ARG_${name.toUpperCase()}`] = value;
  return env;
}

export function runPowerShellJson<S extends z.ZodType>(
  script: string,
  schema: S,
  { args, timeoutMs = 60_000 }: PowerShellOptions = {},
): Promise<z.output<S>> {
  return new Promise((resolve, reject) => {
    execFile(
      powerShellPath(),
      powerShellArguments(script),
      { env: powerShellEnvironment(args), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim().split(/\r?\n/)[0] || errorMessage(error);
          reject(new Error(`PowerShell failed: ${detail}`));
          return;
        }
        try {
          resolve(parsePowerShellJson(stdout, schema));
        } catch (parseError) {
          reject(parseError);
        }
      },
    );
  });
}

/** Parses ConvertTo-Json output; exported so parsers can be tested against recorded output. */
export function parsePowerShellJson<S extends z.ZodType>(stdout: string, schema: S): z.output<S> {
  const text = stdout.replace(/^\uFEFF/, "").trim();
  const parsed = schema.safeParse(text === "" ? null : JSON.parse(text));
  if (!parsed.success) throw new Error(`unexpected PowerShell output: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}
