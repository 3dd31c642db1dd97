import type { ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { CommandError } from "../../command-error";
import type { Spawner } from "../run-command";
import { scriptPlan } from ".";

const spawner: Spawner = () => ({}) as ChildProcess;
const env = { SystemRoot: "C:\\Windows" };
const everything = () => true;
const nothing = () => false;

describe("run-script plans on Windows", () => {
  it("runs PowerShell by full path with -File and the arguments as separate entries", () => {
    const plan = scriptPlan("win32", { language: "powershell", args: ["a b", "$(calc)"] }, "C:\\Temp\\x\\script.ps1", { spawner, env, exists: everything });
    expect(plan.file).toBe("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    expect(plan.args.slice(-4)).toEqual(["-File", "C:\\Temp\\x\\script.ps1", "a b", "$(calc)"]);
  });

  it("runs cmd scripts with /c and refuses arguments cmd.exe would interpret", () => {
    const plan = scriptPlan("win32", { language: "cmd", args: ["plain"] }, "C:\\Temp\\x\\script.cmd", { spawner, env, exists: everything });
    expect([plan.file, ...plan.args]).toEqual(["C:\\Windows\\System32\\cmd.exe", "/d", "/c", "C:\\Temp\\x\\script.cmd", "plain"]);
    expect(() => scriptPlan("win32", { language: "cmd", args: ["x & calc"] }, "C:\\s.cmd", { spawner, env, exists: everything })).toThrow(CommandError);
  });

  it("runs Python through the launcher in %SystemRoot%, and says so when it is missing", () => {
    const plan = scriptPlan("win32", { language: "python", args: [] }, "C:\\Temp\\x\\script.py", { spawner, env, exists: everything });
    expect([plan.file, ...plan.args]).toEqual(["C:\\Windows\\py.exe", "-3", "C:\\Temp\\x\\script.py"]);
    expect(() => scriptPlan("win32", { language: "python", args: [] }, "C:\\s.py", { spawner, env, exists: nothing })).toThrow(/Python launcher/);
  });

  it("refuses bash", () => {
    expect(() => scriptPlan("win32", { language: "bash", args: [] }, "C:\\s.sh", { spawner, env, exists: everything })).toThrow(/do not run on Windows/);
  });
});

describe("run-script plans on Linux", () => {
  it("starts the first interpreter found by absolute path, file then arguments", () => {
    const plan = scriptPlan("linux", { language: "python", args: ["--x", "a;b"] }, "/tmp/d/script.py", { spawner, exists: (file) => file === "/usr/local/bin/python3" });
    expect([plan.file, ...plan.args]).toEqual(["/usr/local/bin/python3", "/tmp/d/script.py", "--x", "a;b"]);
    expect(plan.options.detached).toBe(true);
  });

  it("refuses PowerShell and cmd, and a language whose interpreter is missing", () => {
    expect(() => scriptPlan("linux", { language: "powershell", args: [] }, "/tmp/s.ps1", { spawner, exists: everything })).toThrow(/cannot run on this Linux device/);
    expect(() => scriptPlan("linux", { language: "cmd", args: [] }, "/tmp/s.cmd", { spawner, exists: everything })).toThrow(CommandError);
    expect(() => scriptPlan("linux", { language: "python", args: [] }, "/tmp/s.py", { spawner, exists: nothing })).toThrow(/no interpreter found/);
  });
});
