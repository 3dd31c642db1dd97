/** The real machine: without a journal (the test containers) the crash history comes from the kernel ring buffer. */
import { access } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { dmesgHost, readKernelRing } from "../event-logs/dmesg";
import { linuxCrashes } from "./linux";

const journaldRuns = await access("/run/systemd/journal/socket").then(() => true, () => false);
const ringReadable = process.platform === "linux" && (await readKernelRing(dmesgHost).then(() => true, () => false));

describe.skipIf(process.platform !== "linux" || journaldRuns || !ringReadable)("crash history on a machine without a journal", () => {
  it("answers a summary of this boot's kernel lines instead of unsupported", async () => {
    const summary = await linuxCrashes.summary();
    expect(summary).toMatchObject({ crashes: expect.any(Array), collectedAt: expect.any(String) });
    expect(summary.lastCrashAt).toBe(summary.crashes[0]?.at ?? null);
  });
});
