import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kernelCrashes } from "./kernel-parse";
import { journalCrashes, kernelArguments } from "./linux";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("kernel crashes in the journal", () => {
  it("keeps panic, oops and BUG headers, not the lines around them", () => {
    expect(kernelCrashes(fixture("journalctl-kernel.jsonl")).map((crash) => [crash.at, crash.bugcheckCode])).toEqual([
      ["2024-11-28T16:45:45.678Z", "BUG"],
      ["2024-11-28T16:45:45.679Z", "oops"],
      ["2024-11-27T09:33:20.000Z", "kernel panic"],
    ]);
    expect(kernelCrashes(fixture("journalctl-kernel.jsonl"))[2]?.message).toBe("Kernel panic - not syncing: Fatal exception in interrupt");
  });

  it("reads 90 days of kernel messages across boots, newest crash first", async () => {
    const now = new Date("2024-11-29T00:00:00Z");
    expect(kernelArguments(now)).toEqual(["-o", "json", "--no-pager", "-q", "-r", "-n", "20000", "-p", "0..4", "--since=@1725062400", "_TRANSPORT=kernel"]);
    const calls: string[][] = [];
    const summary = await journalCrashes({ unavailable: async () => undefined, journalctl: async (args) => (calls.push(args), fixture("journalctl-kernel.jsonl")) }, () => now).summary();
    expect(summary).toMatchObject({ lastCrashAt: "2024-11-28T16:45:45.679Z", collectedAt: "2024-11-29T00:00:00.000Z" });
    expect(summary.crashes.map((crash) => crash.bugcheckCode)).toEqual(["oops", "BUG", "kernel panic"]);
    expect(calls).toHaveLength(1);
  });

  it("answers unsupported without a journal", async () => {
    const host = { unavailable: async () => "no journal here", journalctl: async () => { throw new Error("must not run"); } };
    await expect(journalCrashes(host).summary()).rejects.toMatchObject({ code: "unsupported", message: "no journal here" });
  });
});
