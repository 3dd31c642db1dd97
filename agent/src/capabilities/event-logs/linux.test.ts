import { describe, expect, it } from "vitest";
import { entriesArguments, journaldEventLogs, NO_JOURNAL, statsArguments, type JournalHost } from "./linux";

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
