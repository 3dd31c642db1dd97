/**
 * The real machine: the test containers run without journald, so the event log must come from the
 * kernel ring buffer through the real dmesg, or, where that is closed to this user, say why rather
 * than answer an empty log.
 */
import { access } from "node:fs/promises";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { dmesgHost, readKernelRing } from "./dmesg";
import { journalHost, linuxEventLogs, NO_JOURNAL, NO_JOURNALCTL } from "./linux";

const journaldRuns = await access("/run/systemd/journal/socket").then(() => true, () => false);
const ringReadable = process.platform === "linux" && (await readKernelRing(dmesgHost).then(() => true, () => false));

describe.skipIf(process.platform !== "linux")("the kernel ring buffer on this machine", () => {
  it.skipIf(!ringReadable)("reads this boot's kernel lines in wall-clock time, since boot and not in the future", async () => {
    const records = await readKernelRing(dmesgHost);
    expect(records.length).toBeGreaterThan(0);
    const boot = Date.now() - os.uptime() * 1000;
    expect(Math.abs(new Date(records[0]!.at).getTime() - boot)).toBeLessThan(120_000);
    expect(new Date(records.at(-1)!.at).getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
  });
});

describe.skipIf(process.platform !== "linux" || journaldRuns)("event logs on a machine without a journal", () => {
  it.skipIf(!ringReadable)("answers the kernel's entries and counts instead", async () => {
    expect(await journalHost.unavailable()).toBeDefined();
    const entries = await linuxEventLogs.entries("information", 5);
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({ log: "kernel", level: "information", source: "kernel" });
    expect((await linuxEventLogs.stats(new Date(0))).logs).toEqual([expect.objectContaining({ log: "kernel", information: expect.any(Number) })]);
  });

  it.skipIf(ringReadable)("answers unsupported with both reasons where the ring buffer is closed too", async () => {
    const reason = await journalHost.unavailable();
    expect([NO_JOURNAL, NO_JOURNALCTL]).toContain(reason);
    await expect(linuxEventLogs.entries("error", 5)).rejects.toMatchObject({ code: "unsupported", message: expect.stringContaining(`${reason}; `) });
  });
});
