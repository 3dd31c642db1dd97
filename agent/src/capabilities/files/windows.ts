/** Files on Windows: Windows paths; the roots are the drive letters that answer. */
import { access } from "node:fs/promises";
import { win32 } from "node:path";
import type { FileEntry } from "../../../../src/protocol";
import type { FilesPlatform } from "./index";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");

async function driveRoots(): Promise<FileEntry[]> {
  const present = await Promise.all(LETTERS.map((letter) => access(`${letter}:\\`).then(() => letter, () => null)));
  return present.filter((letter): letter is string => letter !== null).map((letter) => ({ name: `${letter}:`, path: `${letter}:\\`, kind: "directory" as const }));
}

export const windowsFiles: FilesPlatform = { paths: win32, roots: driveRoots };
