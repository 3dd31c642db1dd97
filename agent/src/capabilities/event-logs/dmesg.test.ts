import { describe, expect, it } from "vitest";
import { CommandError } from "../../command-error";
import { dmesgEventLogs, NO_DMESG, readKernelRing, type KernelRingHost } from "./dmesg";

const BOOT = new Date("2024-11-29T08:00:00Z");
const RING = JSON.stringify({ dmesg: [{ pri: 4, time: 3600.25, msg: "ACPI Warning: SystemIO range conflicts" }, { pri: 3, time: 7200, msg: "ata1: failed command: READ FPDMA QUEUED" }] });

function fakeHost(dmesg: () => Promise<string> = async () => RING): KernelRingHost & { reads: number } {
  const host = {
    reads: 0,
    dmesgJson: () => (host.reads++, dmesg()),
    bootTime: async () => BOOT,
  };
  return host;
}

describe("kernel ring buffer event log", () => {
  it("answers entries and counts of the one log named kernel, in wall-clock time", async () => {
    const logs = dmesgEventLogs(fakeHost());
    expect(await logs.entries("error", 10)).toEqual([
      { id: expect.any(String), log: "kernel", level: "error", source: "kernel", message: "ata1: failed command: READ FPDMA QUEUED", at: "2024-11-29T10:00:00.000Z" },
    ]);
    expect(await logs.stats(new Date("2024-11-29T09:30:00Z"))).toMatchObject({ logs: [{ log: "kernel", error: 1, warning: 0 }], since: "2024-11-29T09:30:00.000Z" });
  });

  it("answers unsupported, with dmesg's words, where the buffer is closed to the agent or dmesg has no JSON", async () => {
    const refused = fakeHost(() => Promise.reject(new Error("dmesg: read kernel buffer failed: Operation not permitted")));
    await expect(dmesgEventLogs(refused).entries("error", 10)).rejects.toMatchObject({
      code: "unsupported",
      message: "the kernel ring buffer is closed to the agent (dmesg: read kernel buffer failed: Operation not permitted); kernel.dmesg_restrict lets only root read it",
    });
    const old = fakeHost(() => Promise.reject(new Error("dmesg: unrecognized option '--json'")));
    await expect(readKernelRing(old)).rejects.toMatchObject({ code: "unsupported", message: expect.stringContaining("cannot print JSON") });
  });

  it("passes a missing dmesg on as unsupported, and any other failure as failed", async () => {
    await expect(readKernelRing(fakeHost(() => Promise.reject(new CommandError("unsupported", NO_DMESG))))).rejects.toMatchObject({ code: "unsupported", message: NO_DMESG });
    await expect(readKernelRing(fakeHost(() => Promise.reject(new Error("spawn /usr/bin/dmesg ETIMEDOUT"))))).rejects.toMatchObject({
      code: "failed",
      message: "could not read the kernel ring buffer: spawn /usr/bin/dmesg ETIMEDOUT",
    });
  });
});
