import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePowerShellJson } from "../../platform/powershell";
import { WINDOWS_LOGS } from "./windows";
import { toEventEntries, toEventStats, windowsCountsOutput, windowsEventsOutput } from "./windows-parse";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("Get-WinEvent output", () => {
  const entries = toEventEntries(parsePowerShellJson(fixture("get-winevent-entries.json"), windowsEventsOutput));

  it("merges both logs newest first, leaving out verbose events", () => {
    expect(entries.map((entry) => [entry.log, entry.eventId, entry.level])).toEqual([
      ["Application", 1000, "error"],
      ["System", 7031, "critical"],
      ["System", 10016, "warning"],
    ]);
  });

  it("keeps provider, message and time, and ids unique per log", () => {
    expect(entries[1]).toEqual({
      id: "System:48211",
      eventId: 7031,
      log: "System",
      level: "critical",
      source: "Service Control Manager",
      message: 'Der Dienst "Druckwarteschlange" wurde unerwartet beendet. Dies ist bereits 1 Mal passiert.',
      at: "2024-11-29T17:58:03.123Z",
    });
    expect(entries[2]?.message).toBe("(no message text for event 10016)");
  });

  it("accepts ConvertTo-Json's bare object and null for one and no events", () => {
    expect(toEventEntries(parsePowerShellJson(fixture("get-winevent-entries-single.json"), windowsEventsOutput))).toMatchObject([{ id: "Application:7", level: "information", source: "MsiInstaller" }]);
    expect(toEventEntries(parsePowerShellJson("", windowsEventsOutput))).toEqual([]);
  });

  it("counts per log and level, LogAlways as information, every asked log present", () => {
    expect(toEventStats(WINDOWS_LOGS, parsePowerShellJson(fixture("get-winevent-counts.json"), windowsCountsOutput))).toEqual([
      { log: "System", critical: 1, error: 0, warning: 14, information: 812 },
      { log: "Application", critical: 0, error: 3, warning: 0, information: 1210 },
    ]);
    expect(toEventStats(WINDOWS_LOGS, parsePowerShellJson("", windowsCountsOutput)).map((stats) => stats.error)).toEqual([0, 0]);
  });
});
