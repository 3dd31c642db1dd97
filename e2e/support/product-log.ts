/** What the shared product (launcher, web, gateway) printed, as an operator's console shows it. */
import { stat, readFile } from "node:fs/promises";

export const PRODUCT_LOG_VARIABLE = "E2E_PRODUCT_LOG";

function logFile(): string {
  const file = process.env[PRODUCT_LOG_VARIABLE];
  if (!file) throw new Error(`${PRODUCT_LOG_VARIABLE} is not set: the global setup writes the product's output there`);
  return file;
}

/** A position in the log; `productLogSince` answers what was printed after it. */
export async function productLogMark(): Promise<number> {
  return (await stat(logFile())).size;
}

export async function productLogSince(mark: number): Promise<string> {
  return (await readFile(logFile())).subarray(mark).toString("utf8");
}
