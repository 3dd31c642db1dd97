import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasExited, isKernelThread, parseCmdline, parsePasswd, parsePidStat, parsePidStatus } from "./linux-parse";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("Linux per-process parsers", () => {
  it("reads a stat line whose name contains spaces and parentheses", () => {
    expect(parsePidStat(fixture("linux-pid-stat.txt"))).toEqual({ pid: 4321, name: "tmux: server (1)", ppid: 1, state: "S", cpuTicks: 165 });
    expect(() => parsePidStat("garbage")).toThrow();
  });

  it("reads the real uid and resident memory", () => {
    expect(parsePidStatus(fixture("linux-pid-status.txt"))).toEqual({ uid: 1000, rssBytes: 3600 * 1024 });
    expect(parsePidStatus("Name:\tkworker/0:1\nUid:\t0\t0\t0\t0\n")).toEqual({ uid: 0, rssBytes: 0 });
  });

  it("joins NUL-separated arguments", () => {
    expect(parseCmdline("sleep\u000030\u0000")).toBe("sleep 30");
    expect(parseCmdline("")).toBeUndefined();
  });

  it("maps uids to names", () => {
    const users = parsePasswd("root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n#bad\n");
    expect([...users]).toEqual([
      [0, "root"],
      [1000, "alice"],
    ]);
  });

  it("tells a process that has exited (a zombie not yet reaped) from a live one", () => {
    const stat = (state: string) => parsePidStat(`77 (sleep) ${state} 76 77 77 0 -1 4194368 0 0 0 0 0 0 0 0 20 0 1 0 9876 0 0`);
    expect(hasExited(stat("Z"))).toBe(true);
    expect(hasExited(stat("X"))).toBe(true);
    expect(hasExited(stat("S"))).toBe(false);
    expect(hasExited(stat("R"))).toBe(false);
  });

  it("recognises kernel threads", () => {
    expect(isKernelThread({ pid: 2, name: "kthreadd", ppid: 0, state: "S", cpuTicks: 0 })).toBe(true);
    expect(isKernelThread({ pid: 77, name: "kworker/0:1", ppid: 2, state: "I", cpuTicks: 0 })).toBe(true);
    expect(isKernelThread({ pid: 4321, name: "tmux", ppid: 1, state: "S", cpuTicks: 0 })).toBe(false);
  });
});
