/** Reading OS files that may legitimately be absent (a process that just exited, a missing utmp). */
import { readFile } from "node:fs/promises";

const ABSENT_CODES = new Set(["ENOENT", "ESRCH", "EACCES", "EPERM"]);

function isAbsent(error: unknown): boolean {
  return ABSENT_CODES.has((error as NodeJS.ErrnoException).code ?? "");
}

export async function readBytesIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isAbsent(error)) return undefined;
    throw error;
  }
}

export async function readTextIfPresent(path: string): Promise<string | undefined> {
  return (await readBytesIfPresent(path))?.toString("utf8");
}
