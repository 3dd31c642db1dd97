import { describe, expect, it } from "vitest";
import { powerShellArguments, powerShellEnvironment, powerShellPath } from "./powershell";

describe("PowerShell invocation", () => {
  it("starts Windows PowerShell by its full path under %SystemRoot%, never by a bare name", () => {
    expect(powerShellPath({ SystemRoot: "D:\\WINNT" })).toBe("D:\\WINNT\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    expect(powerShellPath({ SystemRoot: "C:\\Windows\\" })).toBe("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
  });

  it.each([
    ["unset", undefined],
    ["empty", ""],
    ["relative", "Windows"],
    ["rooted without a drive", "\\Windows"],
    ["a network share", "\\\\attacker\\share"],
  ])("falls back to C:\\Windows when SystemRoot is %s", (_case, systemRoot) => {
    expect(powerShellPath({ SystemRoot: systemRoot })).toBe("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
  });

  it("passes the fixed script encoded, so no argument quoting can alter it", () => {
    const script = `Stop-Process -Id ([int]$env:RMM_ARG_PID) "quoted" 'single'`;
    const args = powerShellArguments(script);
    expect(args.slice(0, -1)).toEqual(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand"]);
    const decoded = Buffer.from(args.at(-1)!, "base64").toString("utf16le");
    expect(decoded.startsWith("$ErrorActionPreference = 'Stop'")).toBe(true);
    expect(decoded.endsWith(script)).toBe(true);
  });

  it("hands inputs over as RMM_ARG_ environment variables, untouched", () => {
    const hostile = `1; Remove-Item C:\\ -Recurse "$(whoami)"`;
    const env = powerShellEnvironment({ pid: hostile, window_ms: "250" });
    expect(env.RMM_ARG_PID).toBe(hostile);
    expect(env.RMM_ARG_WINDOW_MS).toBe("250");
    expect(env.PATH).toBe(process.env.PATH);
  });
});
