/** Real interpreters on this Linux machine: bash and python3 get the file and the arguments as data. */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RUN_COMMAND_TRUNCATED } from "../../../../src/protocol";
import { runScriptCapabilityFor } from ".";

const onLinux = process.platform === "linux";
const hasPython = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"].some((file) => existsSync(file));

let tempRoot: string;
beforeEach(async () => {
  tempRoot = await mkdtemp(path.join(os.tmpdir(), "run-script-test-"));
});
afterEach(async () => {
  await rm(tempRoot, { recursive: true, force: true });
});

describe.runIf(onLinux)("run-script on Linux", () => {
  it("runs a bash script with its arguments as data, reports the exit code and both streams, and removes the file", async () => {
    const result = await runScriptCapabilityFor("linux", { tempRoot }).run({
      language: "bash",
      content: 'echo "args=$#"; for a in "$@"; do echo "[$a]"; done; echo oops >&2; exit 4',
      args: ["two words", "$(touch pwned)", "; rm -rf /"],
      timeoutSeconds: 30,
    });
    expect(result).toMatchObject({ exitCode: 4, stdout: "args=3\n[two words]\n[$(touch pwned)]\n[; rm -rf /]\n", stderr: "oops\n", timedOut: false });
    expect(await readdir(tempRoot)).toEqual([]);
  });

  it("kills a script at its timeout", async () => {
    const result = await runScriptCapabilityFor("linux", { tempRoot }).run({ language: "bash", content: "sleep 30 & sleep 30", args: [], timeoutSeconds: 1 });
    expect(result).toMatchObject({ exitCode: null, timedOut: true });
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it("caps the output", async () => {
    const result = await runScriptCapabilityFor("linux", { tempRoot, maxOutputBytes: 5 }).run({ language: "bash", content: "printf '%0100d' 0", args: [], timeoutSeconds: 10 });
    expect(result.stdout).toBe(`00000${RUN_COMMAND_TRUNCATED}`);
  });

  it.skipIf(!hasPython)("runs a python3 script with sys.argv from the arguments (skipped: no python3 at a standard absolute path)", async () => {
    const result = await runScriptCapabilityFor("linux", { tempRoot }).run({
      language: "python",
      content: "import sys\nprint(sys.argv[1:])\nsys.exit(2)\n",
      args: ["a b", "'quoted'"],
      timeoutSeconds: 30,
    });
    expect(result).toMatchObject({ exitCode: 2, stdout: "['a b', \"'quoted'\"]\n", timedOut: false });
  });
});
