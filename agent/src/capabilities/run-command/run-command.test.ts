import { spawn, type ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { RUN_COMMAND_TRUNCATED } from "../../../../src/protocol";
import { linuxShell, runCommandCapabilityFor, runShellPlan, windowsShell, type Spawner } from ".";

const onLinux = process.platform === "linux";

describe.runIf(onLinux)("run-command on Linux (a real /bin/sh)", () => {
  it("runs the text as one shell argument and reports exit code and both streams", async () => {
    const result = await runCommandCapabilityFor("linux").run("echo hi; echo oops >&2; exit 3", 10);
    expect(result).toMatchObject({ exitCode: 3, stdout: "hi\n", stderr: "oops\n", timedOut: false });
  });

  it("kills the command and what it started at the timeout", async () => {
    // The child `sleep` holds stdout open: only a kill of the whole group ends the run early.
    const result = await runShellPlan(linuxShell("sleep 30 & sleep 30; echo never"), spawn, { timeoutMs: 200, maxOutputBytes: 1024 });
    expect(result).toMatchObject({ exitCode: null, stdout: "", timedOut: true });
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it("keeps at most the cap of each stream and marks the cut", async () => {
    const result = await runShellPlan(linuxShell("printf '%0100d' 0"), spawn, { timeoutMs: 10_000, maxOutputBytes: 10 });
    expect(result.stdout).toBe(`0000000000${RUN_COMMAND_TRUNCATED}`);
    expect(result.exitCode).toBe(0);
  });
});

describe("run-command on Windows", () => {
  it("starts PowerShell by full path with the text in an environment variable, not on the command line", () => {
    const spawner: Spawner = () => ({}) as ChildProcess;
    const command = `Get-Date; "quoted" & calc.exe`;
    const plan = windowsShell(command, spawner, { SystemRoot: "C:\\Windows" });
    expect(plan.file).toBe("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    expect(plan.args.join(" ")).not.toContain("calc.exe");
    expect(plan.options.env?.RMM_ARG_COMMAND).toBe(command);
  });
});
