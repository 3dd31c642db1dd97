/**
 * Command-line options and where the agent's files live. `server.json`
 * comes from `--config`, else beside the executable when running as a
 * single executable, else the working directory; `agent-state.json` is
 * always kept next to it.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

export const SERVER_CONFIG_FILE = "server.json";
export const STATE_FILE = "agent-state.json";

const cliOptions = z.object({ config: z.string().min(1).optional() });

export type CliOptions = z.infer<typeof cliOptions>;

export function parseCliOptions(args: string[]): CliOptions {
  const { values } = parseArgs({ args, options: { config: { type: "string" } }, strict: true });
  return cliOptions.parse(values);
}

export interface Runtime {
  isSingleExecutable: boolean;
  execPath: string;
  cwd: string;
}

export function resolveConfigPath(options: CliOptions, runtime: Runtime): string {
  // process.execPath is a Windows path when the agent runs on Windows; path picks the right flavour.
  if (options.config) return path.resolve(runtime.cwd, options.config);
  const directory = runtime.isSingleExecutable ? path.dirname(runtime.execPath) : runtime.cwd;
  return path.join(directory, SERVER_CONFIG_FILE);
}

export function statePathFor(configPath: string): string {
  return path.join(path.dirname(configPath), STATE_FILE);
}
