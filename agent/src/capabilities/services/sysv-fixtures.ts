/** The recorded /etc/init.d of the test container (fixtures/README.md), read into what SysvHost answers. */
import { readFileSync } from "node:fs";
import type { ExitResult } from "../../platform/run-file";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

/** `init-d-scripts.txt`: excerpts of each script after a `==> name` line. */
export const recordedScripts: Map<string, string> = new Map(
  fixture("init-d-scripts.txt")
    .split(/^==> /m)
    .filter(Boolean)
    .map((block) => {
      const [name = "", ...lines] = block.split("\n");
      return [name.trim(), lines.join("\n")];
    }),
);

/** `rc-links.txt` (`ls -1` of several folders): folder path to its entries. */
export const recordedRcLinks: Map<string, string[]> = new Map(
  fixture("rc-links.txt")
    .trim()
    .split(/\n\n/)
    .map((block) => {
      const [header = "", ...names] = block.split("\n");
      return [`/etc/${header.replace(/:$/, "")}`, names.filter(Boolean)];
    }),
);

export type RecordedRun = { script: string; action: string; exitCode: number | null; output: string };

/** `init-d-status.jsonl`: each script's `status` as the container left it, then dbus and ssh while running. */
export const recordedStatus: RecordedRun[] = fixture("init-d-status.jsonl")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as RecordedRun);

export function asExitResult(run: RecordedRun): ExitResult {
  return { code: run.exitCode, timedOut: false, output: run.output };
}
