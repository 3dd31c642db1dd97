import { describe, expect, it } from "vitest";
import { CommandError } from "../../command-error";
import type { EventLogCapability } from "./index";
import { entriesArguments, journaldEventLogs, journalOrKernelRing, NO_JOURNAL, statsArguments, type JournalHost } from "./linux";

function fakeHost(unavailable?: string): JournalHost & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    unavailable: async () => unavailable,
    async journalctl(args) {
      calls.push(args);
      return '{"__REALTIME_TIMESTAMP":"1732903512345678","PRIORITY":"4","SYSLOG_IDENTIFIER":"kernel","MESSAGE":"x"}\n';
    },
  };
}

describe("journald event logs", () => {
  it("asks for exactly one level, newest first, as an argument array", () => {
    expect(entriesArguments("critical", 50)).toEqual(["-o", "json", "--no-pager", "-q", "-r", "-n", "50", "-p", "0..2"]);
    expect(entriesArguments("information", 200)).toContain("5..6");
    expect(entriesArguments("error", 1).slice(-2)).toEqual(["-p", "3..3"]);
  });

  it("counts from a time zone-free start, priorities 0 to 6 only", () => {
    expect(statsArguments(new Date("2024-11-29T00:00:00Z"))).toEqual(["-o", "json", "--no-pager", "-q", "--output-fields=PRIORITY", "-p", "0..6", "--since=@1732838400"]);
  });

  it("answers the stats of the one journal since the requested time", async () => {
    const host = fakeHost();
    const stats = await journaldEventLogs(host).stats(new Date("2024-11-29T00:00:00Z"));
    expect(stats).toMatchObject({ logs: [{ log: "journal", warning: 1, error: 0 }], since: "2024-11-29T00:00:00.000Z" });
    expect(host.calls).toHaveLength(1);
  });

  it("answers unsupported, naming why, without running journalctl where there is no journal", async () => {
    const host = fakeHost(NO_JOURNAL);
    await expect(journaldEventLogs(host).entries("error", 10)).rejects.toMatchObject({ code: "unsupported", message: NO_JOURNAL });
    await expect(journaldEventLogs(host).stats(new Date())).rejects.toMatchObject({ code: "unsupported" });
    expect(host.calls).toEqual([]);
  });
});

describe("the journal or the kernel ring buffer", () => {
  /** A ring buffer that answers one entry per call, or is closed to the agent. */
  function kernelRing(closed = false): EventLogCapability & { calls: string[] } {
    const calls: string[] = [];
    const refuse = () => Promise.reject(new CommandError("unsupported", "the kernel ring buffer is closed to the agent"));
    return {
      calls,
      stats: async (since) => (calls.push("stats"), closed ? refuse() : { logs: [{ log: "kernel", critical: 0, error: 1, warning: 0, information: 0 }], since: since.toISOString(), collectedAt: since.toISOString() }),
      entries: async (level) => (calls.push(`entries ${level}`), closed ? refuse() : [{ id: "k1", log: "kernel", level, source: "kernel", message: "x", at: "2024-11-29T00:00:00.000Z" }]),
    };
  }

  it("keeps the journal first where there is one", async () => {
    const ring = kernelRing();
    expect((await journalOrKernelRing(fakeHost(), ring).entries("warning", 5))[0]).toMatchObject({ log: "journal" });
    expect(ring.calls).toEqual([]);
  });

  it("reads the kernel ring buffer where there is no journal, for both commands", async () => {
    const journal = fakeHost(NO_JOURNAL);
    const ring = kernelRing();
    const logs = journalOrKernelRing(journal, ring);
    expect(await logs.entries("error", 5)).toEqual([expect.objectContaining({ log: "kernel", level: "error" })]);
    expect((await logs.stats(new Date())).logs).toEqual([expect.objectContaining({ log: "kernel" })]);
    expect(ring.calls).toEqual(["entries error", "stats"]);
    expect(journal.calls).toEqual([]);
  });

  it("names both reasons where the ring buffer is closed too", async () => {
    await expect(journalOrKernelRing(fakeHost(NO_JOURNAL), kernelRing(true)).stats(new Date())).rejects.toMatchObject({
      code: "unsupported",
      message: `${NO_JOURNAL}; the kernel ring buffer is closed to the agent`,
    });
  });
});
