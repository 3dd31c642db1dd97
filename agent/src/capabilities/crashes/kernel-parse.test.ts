import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kernelCrashes } from "./kernel-parse";
import { journalCrashes, journalOrKernelRingCrashes, kernelArguments, kernelRingCrashes } from "./linux";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

/** The ring buffer of a machine that booted on 2024-11-27 at 12:00 UTC. */
const ring = { dmesgJson: async () => fixture("dmesg-oops.json"), bootTime: async () => new Date("2024-11-27T12:00:00Z") };
const noJournal = { unavailable: async () => "no journal here", journalctl: async (): Promise<string> => { throw new Error("must not run"); } };

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
    await expect(journalCrashes(noJournal).summary()).rejects.toMatchObject({ code: "unsupported", message: "no journal here" });
  });
});

describe("kernel crashes in the ring buffer", () => {
  const now = () => new Date("2024-11-29T00:00:00Z");

  it("keeps the BUG and oops headers of this boot at warning or worse, in wall-clock time", async () => {
    const summary = await kernelRingCrashes(ring, now).summary();
    expect(summary).toEqual({
      crashes: [
        { at: "2024-11-28T12:00:12.003Z", bugcheckCode: "BUG", message: "BUG: kernel NULL pointer dereference, address: 0000000000000008" },
        { at: "2024-11-28T12:00:12.003Z", bugcheckCode: "oops", message: "Oops: 0000 [#1] PREEMPT SMP NOPTI" },
      ],
      lastCrashAt: "2024-11-28T12:00:12.003Z",
      collectedAt: "2024-11-29T00:00:00.000Z",
    });
  });

  it("is read where there is no journal, and both reasons are named where dmesg is refused too", async () => {
    expect((await journalOrKernelRingCrashes(noJournal, ring, now).summary()).crashes).toHaveLength(2);
    const refused = { ...ring, dmesgJson: () => Promise.reject(new Error("dmesg: read kernel buffer failed: Operation not permitted")) };
    await expect(journalOrKernelRingCrashes(noJournal, refused, now).summary()).rejects.toMatchObject({
      code: "unsupported",
      message: expect.stringMatching(/^no journal here; the kernel ring buffer is closed to the agent/),
    });
  });
});
