/** The wrappers against real processes: exit codes, stderr as the reason, and the timeout. */
import { describe, expect, it } from "vitest";
import { firstExisting, runForExitCode, runForOutput } from "./run-file";

const SH = "/bin/sh";

describe.skipIf(process.platform === "win32")("running OS tools", () => {
  it("finds the first path that exists", async () => {
    expect(await firstExisting(["/nonexistent/tool", SH])).toBe(SH);
    expect(await firstExisting(["/nonexistent/tool"])).toBeUndefined();
  });

  it("answers stdout, or rejects with the first stderr line", async () => {
    expect(await runForOutput(SH, ["-c", "echo out"], { timeoutMs: 5_000 })).toBe("out\n");
    await expect(runForOutput(SH, ["-c", "echo first >&2; echo second >&2; exit 1"], { timeoutMs: 5_000 })).rejects.toThrow(/^first$/);
  });

  it("answers the exit code and both streams without rejecting", async () => {
    expect(await runForExitCode(SH, ["-c", "echo out; echo err >&2; exit 3"], { timeoutMs: 5_000 })).toEqual({ code: 3, timedOut: false, output: "out\nerr\n" });
    expect(await runForExitCode("/nonexistent/tool", [], { timeoutMs: 5_000 })).toMatchObject({ code: null, timedOut: false, output: expect.stringMatching(/ENOENT/) });
  });

  it("kills a program at the timeout", async () => {
    expect(await runForExitCode(SH, ["-c", "sleep 5"], { timeoutMs: 200 })).toMatchObject({ code: null, timedOut: true });
  });
});
