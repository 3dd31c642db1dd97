import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePowerShellJson } from "../../platform/powershell";
import { toProcessList, windowsProcessOutput } from "./windows-parse";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("Windows process list parser", () => {
  const processes = toProcessList(parsePowerShellJson(fixture("list-processes.json"), windowsProcessOutput));
  const byPid = new Map(processes.map((process) => [process.pid, process]));

  it("lists every Win32_Process entry", () => {
    expect(processes.map((process) => process.pid)).toEqual([0, 4, 1044, 5820, 7312, 9120]);
  });

  it("turns raw counter deltas into a share of the whole machine", () => {
    // 0.25 s between samples = 2,500,000 units on each of 4 cores; msedge was busy 250,000 of them = 2.5 %.
    expect(byPid.get(5820)?.cpuPercent).toBe(2.5);
    expect(byPid.get(4)?.cpuPercent).toBe(1.6);
    expect(byPid.get(1044)?.cpuPercent).toBe(0);
  });

  it("reports 0 % for a process that started between the two samples", () => {
    expect(byPid.get(9120)?.cpuPercent).toBe(0);
  });

  it("keeps names, memory, parents and command lines, dropping empty ones", () => {
    expect(byPid.get(5820)).toEqual({
      pid: 5820,
      ppid: 5432,
      name: "msedge.exe",
      cpuPercent: 2.5,
      memoryBytes: 187916288,
      command: '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --type=renderer --lang=de',
    });
    expect(byPid.get(7312)?.name).toBe("Notizblock – Übersicht.exe");
    expect(byPid.get(7312)?.command).toBeUndefined();
    expect(byPid.get(4)?.command).toBeUndefined();
  });

  it("accepts ConvertTo-Json's bare object for one-element lists and nulls", () => {
    const single = toProcessList(parsePowerShellJson(fixture("list-processes-single.json"), windowsProcessOutput));
    expect(single).toEqual([{ pid: 812, ppid: undefined, name: "powershell.exe", cpuPercent: 50, memoryBytes: 0, command: undefined }]);
  });

  it("rejects output that is not the script's shape", () => {
    expect(() => parsePowerShellJson('{"cores":0}', windowsProcessOutput)).toThrow(/unexpected PowerShell output/);
  });
});
