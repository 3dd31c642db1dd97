import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePowerShellJson } from "../../platform/powershell";
import { toHostDescription, toSystemLoad, windowsHostOutput, windowsLoadOutput } from "./windows-parse";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("Windows system-info parsers", () => {
  it("describes a workstation, skipping a drive without media", () => {
    expect(toHostDescription(parsePowerShellJson(fixture("describe-host.json"), windowsHostOutput))).toEqual({
      os: "Microsoft Windows 11 Pro 10.0.22631",
      loggedInUser: "DESK-07\\alice",
      disks: [
        { mount: "C:", totalBytes: 510770802688, freeBytes: 123145302016, fsType: "NTFS" },
        { mount: "D:", totalBytes: 1000186310656, freeBytes: 734003200000, fsType: "NTFS" },
      ],
    });
  });

  it("describes a server nobody is logged in to, with a single disk", () => {
    const host = toHostDescription(parsePowerShellJson(fixture("describe-host-server-core.json"), windowsHostOutput));
    expect(host.loggedInUser).toBeNull();
    expect(host.disks).toEqual([{ mount: "C:", totalBytes: 136912564224, freeBytes: 68456282112, fsType: "NTFS" }]);
  });

  it("computes load from two raw counter samples 250 ms apart", () => {
    const load = toSystemLoad(parsePowerShellJson(fixture("sample-load.json"), windowsLoadOutput));
    expect(load).toEqual({
      // idle 1,875,000 of 2,500,000 units: 25 % busy.
      cpuPercent: 25,
      memoryPercent: 65,
      // (510.8 + 1000.2 GB) total, (123.1 + 734.0 GB) free.
      diskPercent: 43.3,
      network: { rxBytesPerSec: 1_000_000, txBytesPerSec: 100_000 },
    });
  });
});
