/** Reading the agent's own JSON files, with errors that name the file. */
import { readFile } from "node:fs/promises";
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
