/**
 * Command line: `rmm-agent [run|install|uninstall] [--config <path>] [--service] [--dry-run]`, and
 * where the agent's files live. `server.json` comes from `--config`, else beside the executable
 * when running as a single executable, else the working directory; `agent-state.json` is always
 * kept next to it.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

export const SERVER_CONFIG_FILE = "server.json";
export const STATE_FILE = "agent-state.json";

export const AGENT_COMMANDS = ["run", "install", "uninstall"] as const;

const config = z.string().min(1).optional();

const cliOptions = z.discriminatedUnion("command", [
  z.strictObject({
    command: z.literal("run"),
    config,
    /** Started by systemd or the Windows service host: uninstall and self-update act on the installed service. */
    service: z.boolean().default(false),
  }),
  z.strictObject({ command: z.literal("install"), config, dryRun: z.boolean().default(false) }),
  z.strictObject({ command: z.literal("uninstall"), dryRun: z.boolean().default(false) }),
]);

export type CliOptions = z.infer<typeof cliOptions>;
export type RunOptions = Extract<CliOptions, { command: "run" }>;

export function parseCliOptions(args: string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args,
    options: { config: { type: "string" }, service: { type: "boolean" }, "dry-run": { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 1) throw new Error(`expected at most one command, got: ${positionals.join(" ")}`);
  const command = positionals[0] ?? "run";
  if (!(AGENT_COMMANDS as readonly string[]).includes(command)) throw new Error(`unknown command '${command}': expected ${AGENT_COMMANDS.join(", ")}`);
  const { "dry-run": dryRun, ...rest } = values;
  const parsed = cliOptions.safeParse({ command, ...rest, ...(dryRun === undefined ? {} : { dryRun }) });
  if (!parsed.success) throw new Error(`invalid options for '${command}': ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface Runtime {
  isSingleExecutable: boolean;
  execPath: string;
  cwd: string;
}

export function resolveConfigPath(options: { config?: string }, runtime: Runtime): string {
  // process.execPath is a Windows path when the agent runs on Windows; path picks the right flavour.
  if (options.config) return path.resolve(runtime.cwd, options.config);
  const directory = runtime.isSingleExecutable ? path.dirname(runtime.execPath) : runtime.cwd;
  return path.join(directory, SERVER_CONFIG_FILE);
}

export function statePathFor(configPath: string): string {
  return path.join(path.dirname(configPath), STATE_FILE);
}
