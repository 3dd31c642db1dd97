/** File steps shared by the installers: copies that never leave half a file behind. */
import { access, chmod, copyFile, rename, rm, writeFile } from "node:fs/promises";

export async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Copies through a temporary file and a rename, with `mode` (0600 for files holding credentials). */
export async function copyFileAtomically(source: string, destination: string, mode: number): Promise<void> {
  const temporary = `${destination}.tmp`;
  await rm(temporary, { force: true });
  await copyFile(source, temporary);
  // copyFile keeps the source's mode; the destination's is ours to decide.
  await chmod(temporary, mode);
  await rename(temporary, destination);
}

export async function writeFileAtomically(destination: string, data: string | Uint8Array, mode: number): Promise<void> {
  const temporary = `${destination}.tmp`;
  await rm(temporary, { force: true });
  await writeFile(temporary, data, { mode });
  await rename(temporary, destination);
}
