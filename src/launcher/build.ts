/**
 * The builds `npm start` needs: the Next.js app when there is no build yet or a source file is
 * newer than it, and the agent executables. Both run in child processes: they read and write
 * hundreds of megabytes (the agent build wraps two Node binaries of 100+ MB each), and memory a
 * process used once stays resident for the rest of its life, which for the launcher is as long
 * as the product runs.
 */
import { existsSync, statSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { runToCompletion } from "./processes";

const INPUTS = ["src", "next.config.ts", "postcss.config.mjs", "package.json", "tsconfig.json"];

async function newestMtime(entry: string): Promise<number> {
  const info = await stat(entry).catch(() => null);
  if (!info) return 0;
  // Tests are not part of the build: editing one must not cost a rebuild.
  if (!info.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : info.mtimeMs;
  const children = await readdir(entry);
  const times = await Promise.all(children.map((child) => newestMtime(path.join(entry, child))));
  return Math.max(info.mtimeMs, ...times);
}

export async function webBuildIsStale(root: string): Promise<boolean> {
  const marker = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  const inputs = await Promise.all(INPUTS.map((input) => newestMtime(path.join(root, input))));
  return Math.max(...inputs) > built;
}

export async function buildWebIfNeeded(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!(await webBuildIsStale(root))) return;
  console.log("[start] building the web application (first start or sources changed)...");
  await runToCompletion(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: root, env });
}

/** The agent executables for `GET /agent/download`, built once, offline, from npm packages. */
export async function buildAgentIfNeeded(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  await runToCompletion(process.execPath, ["--import", "tsx", path.join(root, "src", "launcher", "agent-build-child.ts")], { cwd: root, env });
}
