import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countKernelLevels, kernelEntries, parseDmesg } from "./dmesg-parse";

const recorded = readFileSync(new URL("./fixtures/dmesg.json", import.meta.url), "utf8");
const BOOT = new Date("2026-11-29T21:15:24.000Z");
const records = parseDmesg(recorded, BOOT);

/** A record as dmesg prints it. */
const line = (pri: number, time: number, msg: string) => ({ pri, time, msg });
const output = (...lines: unknown[]) => JSON.stringify({ dmesg: lines });

describe("dmesg --json", () => {
  it("reads every record of the recorded ring buffer, placed after the boot time", () => {
    expect(records).toHaveLength(327);
    expect(records[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      priority: 5,
      at: "2026-11-29T21:15:24.000Z",
      message: expect.stringMatching(/^Linux version 6\.18\.44/),
    });
    expect(records.at(-1)).toMatchObject({ at: "2026-11-29T21:15:25.227Z", message: expect.stringMatching(/^EXT4-fs \(vda\): mounted filesystem/) });
    expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
    expect(parseDmesg(recorded, BOOT).map((record) => record.id)).toEqual(records.map((record) => record.id));
  });

  it("counts the recorded levels, debug lines left out, and only since the given time", () => {
    expect(countKernelLevels(records, new Date(0))).toEqual({ log: "kernel", critical: 1, error: 0, warning: 6, information: 309 });
    expect(countKernelLevels(records, new Date("2026-11-29T21:15:24.300Z"))).toEqual({ log: "kernel", critical: 0, error: 0, warning: 3, information: expect.any(Number) });
    expect(countKernelLevels(records, new Date("2026-11-30T00:00:00Z"))).toEqual({ log: "kernel", critical: 0, error: 0, warning: 0, information: 0 });
  });

  it("answers the newest entries at exactly one level, newest first, as the kernel's", () => {
    const warnings = kernelEntries(records, "warning", 2);
    expect(warnings).toEqual([
      { id: expect.any(String), log: "kernel", level: "warning", source: "kernel", message: "amd_pstate: the _CPC object is not present in SBIOS or ACPI disabled", at: "2026-11-29T21:15:24.387Z" },
      { id: expect.any(String), log: "kernel", level: "warning", source: "kernel", message: expect.stringMatching(/^amd_pstate: The CPPC feature is supported/), at: "2026-11-29T21:15:24.387Z" },
    ]);
    expect(kernelEntries(records, "critical", 10).map((entry) => entry.message)).toEqual(["RDSEED32 is broken. Disabling the corresponding CPUID bit."]);
    expect(kernelEntries(records, "error", 10)).toEqual([]);
    expect(kernelEntries(records, "information", 500)).toHaveLength(309);
  });

  it("strips the facility of lines programs wrote to /dev/kmsg", () => {
    // user.warning (1 << 3 | 4), daemon.info (3 << 3 | 6), user.debug (1 << 3 | 7)
    const parsed = parseDmesg(output(line(12, 1.5, "app: low disk"), line(30, 2, "sshd[812]: started"), line(15, 3, "debug")), BOOT);
    expect(parsed.map((record) => record.priority)).toEqual([4, 6, 7]);
    expect(countKernelLevels(parsed, BOOT)).toMatchObject({ warning: 1, information: 1 });
  });

  it("keeps apart the same line repeated at the same instant, skips malformed records and refuses what is not dmesg's JSON", () => {
    const parsed = parseDmesg(output(line(6, 1, "same"), line(6, 1, "same"), { pri: 6, msg: "no time" }, { pri: "x", time: 1, msg: "bad" }, line(6, 2, "after")), BOOT);
    expect(parsed.map((record) => record.message)).toEqual(["same", "same", "after"]);
    expect(parsed[0]?.id).not.toBe(parsed[1]?.id);
    expect(parseDmesg("", BOOT)).toEqual([]);
    expect(() => parseDmesg('{"dmesg":[{"pri":6', BOOT)).toThrow(/unexpected dmesg/);
    expect(() => parseDmesg('{"lines":[]}', BOOT)).toThrow(/unexpected dmesg/);
  });
});
