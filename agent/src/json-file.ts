/** Reading and writing the agent's own JSON files, with errors that name the file. */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { errorMessage } from "./util";

/** The parsed content, or undefined when the file does not exist. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read ${path}: ${errorMessage(error)}`, { cause: error });
  }
  try {
    // Notepad saves UTF-8 with a byte-order mark, which JSON.parse rejects.
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * Replaces the file in one step (temporary file + rename), so a crash never leaves half of it, and
 * with mode 0600: these files hold the agent's credentials.
 */
export async function writeJsonFileAtomically(path: string, data: unknown): Promise<void> {
  const temporary = `${path}.tmp`;
  // writeFile applies `mode` only when it creates the file, so never reuse a leftover one.
  await rm(temporary, { force: true });
  await writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
