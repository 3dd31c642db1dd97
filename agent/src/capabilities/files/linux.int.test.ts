/** The file capability against real files in a temporary folder: listing, chunked reads, uploads that resume, refuse and replace atomically. */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UPLOAD_CHUNK_BYTES } from "../../../../src/protocol";
import { fileHandlers, filesCapabilityFor } from "./index";
import { ABANDONED_AFTER_MS, Uploads } from "./uploads";
import { posix } from "node:path";
import { testCommandContext } from "../../commands/test-context";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "rmm-files-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function handlers() {
  const table = fileHandlers(filesCapabilityFor("linux"));
  const context = testCommandContext();
  return {
    list: (path: string) => table["file-list"]!({ type: "file-list", commandId: "c", path } as never, context),
    read: (path: string, offset: number, length: number) => table["download-file"]!({ type: "download-file", commandId: "c", path, offset, length } as never, context),
    start: (uploadId: string, path: string, totalBytes: number | undefined, overwrite = false) =>
      table["upload-file-start"]!({ type: "upload-file-start", commandId: "c", uploadId, path, totalBytes, overwrite } as never, context),
    chunk: (uploadId: string, offset: number, data: Buffer) => table["upload-file-chunk"]!({ type: "upload-file-chunk", commandId: "c", uploadId, offset, data: data.toString("base64") } as never, context),
    end: (uploadId: string, hash: string) => table["upload-file-end"]!({ type: "upload-file-end", commandId: "c", uploadId, sha256: hash } as never, context),
  };
}

async function sendAll(files: ReturnType<typeof handlers>, uploadId: string, data: Buffer, from = 0) {
  for (let offset = from; offset < data.length; offset += UPLOAD_CHUNK_BYTES) {
    const answer = await files.chunk(uploadId, offset, data.subarray(offset, offset + UPLOAD_CHUNK_BYTES));
    expect(answer.accepted).toBe(true);
  }
}

describe.skipIf(process.platform !== "linux")("files on Linux", () => {
  it("lists the root for an empty path, and a folder with directories first, sizes and links resolved", async () => {
    const files = handlers();
    expect((await files.list("")).entries).toEqual([{ name: "/", path: "/", kind: "directory" }]);
    await writeFile(join(dir, "b.txt"), "hello");
    await mkdir(join(dir, "z-folder"));
    await symlink(join(dir, "z-folder"), join(dir, "a-link"));
    const listing = await files.list(dir);
    expect(listing.path).toBe(dir);
    expect(listing.entries.map((entry) => [entry.name, entry.kind, entry.sizeBytes])).toEqual([
      ["a-link", "directory", undefined],
      ["z-folder", "directory", undefined],
      ["b.txt", "file", 5],
    ]);
    expect(listing.entries[2]!.path).toBe(join(dir, "b.txt"));
    expect(listing.parentPath).toBe(join(dir, ".."));
  });

  it("refuses relative and '..' paths, and says which paths do not exist", async () => {
    const files = handlers();
    await expect(files.list("tmp")).rejects.toMatchObject({ code: "invalid" });
    await expect(files.read(`${dir}/../etc/passwd`, 0, 10)).rejects.toMatchObject({ code: "invalid" });
    await expect(files.list(join(dir, "missing"))).rejects.toMatchObject({ code: "not-found" });
    await expect(files.read(dir, 0, 10)).rejects.toMatchObject({ code: "invalid" });
  });

  it("reads a file in chunks that reassemble to it, each with its hash", async () => {
    const files = handlers();
    const data = randomBytes(100_000);
    await writeFile(join(dir, "data.bin"), data);
    const parts: Buffer[] = [];
    for (let offset = 0, eof = false; !eof; ) {
      const chunk = await files.read(join(dir, "data.bin"), offset, 30_000);
      const bytes = Buffer.from(chunk.data, "base64");
      expect(chunk.sha256).toBe(sha256(bytes));
      expect(chunk.totalBytes).toBe(data.length);
      parts.push(bytes);
      offset += bytes.length;
      eof = chunk.eof;
    }
    expect(Buffer.concat(parts).equals(data)).toBe(true);
    await expect(files.read(join(dir, "data.bin"), 200_000, 10)).rejects.toMatchObject({ code: "invalid" });
  });

  it("uploads in chunks, writes the target only at the end, and leaves no temporary file", async () => {
    const files = handlers();
    const data = randomBytes(3 * UPLOAD_CHUNK_BYTES + 1234);
    const target = join(dir, "upload.bin");
    expect(await files.start("upload-one", target, data.length)).toEqual({ uploadId: "upload-one", receivedBytes: 0 });
    await sendAll(files, "upload-one", data);
    expect(await readdir(dir)).toEqual([".rmm-upload-upload-one.part"]);
    expect(await files.end("upload-one", sha256(data))).toEqual({ uploadId: "upload-one", path: target, sizeBytes: data.length, sha256: sha256(data) });
    expect((await readFile(target)).equals(data)).toBe(true);
    expect(await readdir(dir)).toEqual(["upload.bin"]);
  });

  it("refuses a chunk at the wrong offset, naming the offset expected, and resumes after a restart", async () => {
    const data = randomBytes(2 * UPLOAD_CHUNK_BYTES + 10);
    const target = join(dir, "resumed.bin");
    const first = handlers();
    await first.start("upload-two", target, data.length);
    await first.chunk("upload-two", 0, data.subarray(0, UPLOAD_CHUNK_BYTES));
    expect(await first.chunk("upload-two", 2 * UPLOAD_CHUNK_BYTES, data.subarray(2 * UPLOAD_CHUNK_BYTES))).toEqual({ uploadId: "upload-two", receivedBytes: UPLOAD_CHUNK_BYTES, accepted: false });

    // A new agent process knows nothing of the upload but finds its temporary file.
    const second = handlers();
    await expect(second.chunk("upload-two", UPLOAD_CHUNK_BYTES, data.subarray(UPLOAD_CHUNK_BYTES))).rejects.toMatchObject({ code: "not-found" });
    expect(await second.start("upload-two", target, data.length)).toEqual({ uploadId: "upload-two", receivedBytes: UPLOAD_CHUNK_BYTES });
    await sendAll(second, "upload-two", data, UPLOAD_CHUNK_BYTES);
    await second.end("upload-two", sha256(data));
    expect((await readFile(target)).equals(data)).toBe(true);
  });

  it("refuses to replace a file unless asked, and replaces it when asked", async () => {
    const files = handlers();
    const target = join(dir, "existing.txt");
    await writeFile(target, "old");
    await expect(files.start("upload-three", target, 3)).rejects.toMatchObject({ code: "exists" });
    await files.start("upload-three", target, 3, true);
    await files.chunk("upload-three", 0, Buffer.from("new"));
    await files.end("upload-three", sha256(Buffer.from("new")));
    expect(await readFile(target, "utf8")).toBe("new");
  });

  it("discards an upload whose hash does not match and keeps the old file", async () => {
    const files = handlers();
    const target = join(dir, "kept.txt");
    await writeFile(target, "original");
    await files.start("upload-four", target, 4, true);
    await files.chunk("upload-four", 0, Buffer.from("evil"));
    await expect(files.end("upload-four", sha256(Buffer.from("good")))).rejects.toMatchObject({ code: "failed", message: expect.stringContaining("SHA-256") });
    expect(await readFile(target, "utf8")).toBe("original");
    expect(await readdir(dir)).toEqual(["kept.txt"]);
  });

  it("refuses to end an upload that is missing bytes, and chunks past the announced size", async () => {
    const files = handlers();
    const target = join(dir, "short.bin");
    await files.start("upload-five", target, 10);
    await files.chunk("upload-five", 0, Buffer.alloc(5));
    await expect(files.chunk("upload-five", 5, Buffer.alloc(6))).rejects.toMatchObject({ code: "invalid" });
    await expect(files.end("upload-five", sha256(Buffer.alloc(5)))).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("5 of 10") });
  });

  it("writes chunks in offset order even when they are handled concurrently", async () => {
    const files = handlers();
    const data = randomBytes(4 * UPLOAD_CHUNK_BYTES);
    const target = join(dir, "parallel.bin");
    await files.start("upload-six", target, data.length);
    const offsets = [0, 1, 2, 3].map((index) => index * UPLOAD_CHUNK_BYTES);
    const answers = await Promise.all(offsets.map((offset) => files.chunk("upload-six", offset, data.subarray(offset, offset + UPLOAD_CHUNK_BYTES))));
    expect(answers.every((answer) => answer.accepted)).toBe(true);
    await files.end("upload-six", sha256(data));
    expect((await readFile(target)).equals(data)).toBe(true);
  });

  it("removes a week-old abandoned upload beside a new one, and keeps recent ones", async () => {
    const old = join(dir, ".rmm-upload-abandoned-1.part");
    const recent = join(dir, ".rmm-upload-recent-0001.part");
    await writeFile(old, "stale");
    await writeFile(recent, "fresh");
    const weekAgo = (Date.now() - ABANDONED_AFTER_MS - 60_000) / 1000;
    await utimes(old, weekAgo, weekAgo);
    await new Uploads(posix).start({ uploadId: "upload-new-1", path: join(dir, "new.bin"), overwrite: false });
    expect((await readdir(dir)).sort()).toEqual([".rmm-upload-recent-0001.part", ".rmm-upload-upload-new-1.part"]);
  });
});
