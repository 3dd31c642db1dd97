/**
 * The tail on this machine's file system: the last lines first, then appended lines as they come
 * (a line written in two pieces arrives once, whole), a truncated file read again from its start,
 * and the refusals (missing file, a device). On this Linux machine, journald's follow is checked
 * too: the test containers have no journal, so it must say so instead of staying silent.
 */
import { access, appendFile, mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogLine } from "../../../../src/protocol";
import { NO_JOURNAL, NO_JOURNALCTL } from "../event-logs/linux";
import { tailFile } from "./file-tail";
import { followJournal, journalFollowHost } from "./journald";

let folder: string;
beforeAll(async () => (folder = await mkdtemp(path.join(tmpdir(), "rmm-tail-"))));
afterAll(() => rm(folder, { recursive: true, force: true }));

async function until(received: LogLine[], count: number) {
  for (let i = 0; i < 200 && received.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return received.map((line) => line.text);
}

describe("file tail", () => {
  it("shows the last lines, then what is appended, whole lines only, until stopped", async () => {
    const file = path.join(folder, "app.log");
    await writeFile(file, Array.from({ length: 15 }, (_, i) => `old ${i}`).join("\n") + "\n");
    const received: LogLine[] = [];
    const abort = new AbortController();
    const { finished } = await tailFile({ pollMs: 10 })({ source: "file", path: file }, (lines) => received.push(...lines), abort.signal);
    expect(await until(received, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `old ${i + 5}`));
    await appendFile(file, "new 1\nnew 2 first half");
    expect((await until(received, 11)).slice(10)).toEqual(["new 1"]);
    await appendFile(file, ", second half\r\n");
    expect((await until(received, 12)).slice(11)).toEqual(["new 2 first half, second half"]);
    await truncate(file, 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await appendFile(file, "after rotation\n");
    expect((await until(received, 13)).slice(12)).toEqual(["after rotation"]);
    abort.abort();
    await finished;
    await appendFile(file, "not read\n");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toHaveLength(13);
  });

  it("refuses a missing file, a device and a relative path before reading anything", async () => {
    const tail = tailFile({ pollMs: 10 });
    const signal = new AbortController().signal;
    await expect(tail({ source: "file", path: path.join(folder, "missing.log") }, () => {}, signal)).rejects.toMatchObject({ code: "not-found" });
    await expect(tail({ source: "file", path: "/dev/zero" }, () => {}, signal)).rejects.toMatchObject({ code: "invalid", message: "/dev/zero is not a regular file" });
    await expect(tail({ source: "file", path: "app.log" }, () => {}, signal)).rejects.toMatchObject({ code: "invalid" });
  });
});

const journaldRuns = await access("/run/systemd/journal/socket").then(() => true, () => false);

describe.skipIf(process.platform !== "linux" || journaldRuns)("journald follow on a machine without a journal", () => {
  it("answers unsupported with the reason", async () => {
    await expect(followJournal(journalFollowHost)({ source: "journald" }, () => {}, new AbortController().signal)).rejects.toMatchObject({
      code: "unsupported",
      message: expect.stringMatching(new RegExp(`^(${[NO_JOURNAL, NO_JOURNALCTL].map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`)),
    });
  });
});
