/** The real host check on this machine: the test containers run without journald, so it must say so rather than answer an empty log. */
import { access } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { journalHost, linuxEventLogs, NO_JOURNAL, NO_JOURNALCTL } from "./linux";

const journaldRuns = await access("/run/systemd/journal/socket").then(() => true, () => false);

describe.skipIf(process.platform !== "linux" || journaldRuns)("journald on a machine without a journal", () => {
  it("answers unsupported with the reason", async () => {
    const reason = await journalHost.unavailable();
    expect([NO_JOURNAL, NO_JOURNALCTL]).toContain(reason);
    await expect(linuxEventLogs.entries("error", 5)).rejects.toMatchObject({ code: "unsupported", message: reason });
  });
});
