/**
 * `file-list`: one directory's entries (directories first, then by name), or the roots for an empty
 * path. A symbolic link to a directory is listed as a directory, since that is how it is used; any
 * other link stays `symlink`. Entries that vanish or cannot be examined while the listing runs are
 * still listed, without size or date.
 */
import { lstat, readdir, stat } from "node:fs/promises";
import type { PlatformPath } from "node:path";
import { FILE_LIST_MAX_ENTRIES, type FileEntry, type FileListResult } from "../../../../src/protocol";
import { onPath } from "./fs-errors";
import { checkedPath, parentOf } from "./paths";

export async function listDirectory(paths: PlatformPath, roots: () => Promise<FileEntry[]>, requested: string): Promise<FileListResult> {
  const retrievedAt = new Date().toISOString();
  if (requested.trim() === "") return { path: "", parentPath: null, entries: await roots(), truncated: false, retrievedAt };
  const directory = checkedPath(paths, requested);
  const names = await onPath(requested, () => readdir(directory));
  const truncated = names.length > FILE_LIST_MAX_ENTRIES;
  const entries = await describeAll(paths, directory, names.sort().slice(0, FILE_LIST_MAX_ENTRIES));
  entries.sort((a, b) => Number(b.kind === "directory") - Number(a.kind === "directory") || a.name.localeCompare(b.name));
  return { path: directory, parentPath: parentOf(paths, directory), entries, truncated, retrievedAt };
}

/** In batches: a directory of 20,000 files must not open 20,000 stat calls at once. */
async function describeAll(paths: PlatformPath, directory: string, names: string[]): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  for (let start = 0; start < names.length; start += 64) {
    entries.push(...(await Promise.all(names.slice(start, start + 64).map((name) => describe(paths.join(directory, name), name)))));
  }
  return entries;
}

async function describe(path: string, name: string): Promise<FileEntry> {
  try {
    const info = await lstat(path);
    const modifiedAt = info.mtime.toISOString();
    if (info.isFile()) return { name, path, kind: "file", sizeBytes: info.size, modifiedAt };
    if (info.isDirectory()) return { name, path, kind: "directory", modifiedAt };
    if (info.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      return target?.isDirectory() ? { name, path, kind: "directory", modifiedAt } : { name, path, kind: "symlink", modifiedAt };
    }
    return { name, path, kind: "other", modifiedAt };
  } catch {
    return { name, path, kind: "other" };
  }
}
