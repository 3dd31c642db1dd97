/** Decides whether the outputs are newer than every source, so a build can be skipped. */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/** Tests and their fixtures are not part of the bundle and must not force a rebuild. */
function isBuildInput(file: string): boolean {
  return !file.endsWith(".test.ts") && !file.split(path.sep).includes("fixtures");
}

async function newestInDirectory(directory: string): Promise<number> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  const times = await Promise.all(files.filter(isBuildInput).map(async (file) => (await stat(file)).mtimeMs));
  return Math.max(0, ...times);
}

export async function newestSourceTime(directories: string[], files: string[]): Promise<number> {
  const times = await Promise.all([
    ...directories.map(newestInDirectory),
    ...files.map(async (file) => (await stat(file)).mtimeMs),
  ]);
  return Math.max(0, ...times);
}

/** Oldest modification time of the outputs, or null when one is missing. */
export async function oldestOutputTime(outputs: string[]): Promise<number | null> {
  try {
    const times = await Promise.all(outputs.map(async (file) => (await stat(file)).mtimeMs));
    return Math.min(...times);
  } catch {
    return null;
  }
}
