import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countJournalPriorities, parseJournalEntries } from "./journald-parse";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("journalctl -o json", () => {
  const entries = parseJournalEntries(fixture("journalctl-entries.jsonl"));

  it("maps priorities to levels, leaving out debug lines and a line cut short", () => {
    expect(entries.map((entry) => [entry.source, entry.level])).toEqual([
      ["nginx", "error"],
      ["kernel", "critical"],
      ["backup.sh", "error"],
      ["systemd-resolved", "warning"],
      ["CRON", "information"],
    ]);
  });

  it("keeps the message, the time in UTC to the millisecond, and a stable short id", () => {
    expect(entries[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      log: "journal",
      level: "error",
      source: "nginx",
      message: "2024/11/29 18:05:12 [emerg] 1312#1312: bind() to 0.0.0.0:80 failed (98: Address already in use)",
      at: "2024-11-29T18:05:12.345Z",
    });
    expect(parseJournalEntries(fixture("journalctl-entries.jsonl"))[0]?.id).toBe(entries[0]?.id);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
  });

  it("decodes a message journald printed as bytes", () => {
    expect(entries[2]?.message).toBe("rsync: error \uFFFD done");
  });

  it("counts entries per level", () => {
    expect(countJournalPriorities(fixture("journalctl-priorities.jsonl"))).toEqual({ log: "journal", critical: 2, error: 2, warning: 1, information: 4 });
    expect(countJournalPriorities("")).toEqual({ log: "journal", critical: 0, error: 0, warning: 0, information: 0 });
  });
});
