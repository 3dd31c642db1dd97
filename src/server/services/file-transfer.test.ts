import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { UPLOAD_CHUNK_BYTES, type DownloadFileResult } from "../../protocol";
import { contentDisposition, openDownload, pushUpload, remoteBaseName, sendInChunks, type UploadSteps } from "./file-transfer";

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

function fakeFile(data: Buffer, chunkBytes: number, tamper?: (chunk: DownloadFileResult) => DownloadFileResult) {
  const reads: number[] = [];
  const read = async (offset: number): Promise<DownloadFileResult> => {
    reads.push(offset);
    const bytes = data.subarray(offset, offset + chunkBytes);
    const chunk = { path: "/srv/data.bin", offset, totalBytes: data.length, modifiedAt: "2026-01-01T00:00:00.000Z", data: bytes.toString("base64"), sha256: sha256(bytes), eof: offset + bytes.length >= data.length };
    return tamper ? tamper(chunk) : chunk;
  };
  return { read, reads };
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe("openDownload", () => {
  it("streams the chunks in order, and reads ahead no more than its window while the client waits", async () => {
    const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));
    const file = fakeFile(data, 1000);
    const download = await openDownload(file.read, remoteBaseName, 3);
    expect(download).toMatchObject({ name: "data.bin", totalBytes: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The first chunk, the one the stream buffers, and the window behind it.
    expect(file.reads.length).toBeLessThanOrEqual(1 + 1 + 3);
    expect((await readAll(download.body)).equals(data)).toBe(true);
    expect(file.reads).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
  });

  it("fails the stream on a chunk that does not match its hash, or a file that changes", async () => {
    const data = Buffer.alloc(3000, 7);
    const corrupt = fakeFile(data, 1000, (chunk) => (chunk.offset === 1000 ? { ...chunk, sha256: "0".repeat(64) } : chunk));
    await expect(readAll((await openDownload(corrupt.read, remoteBaseName)).body)).rejects.toThrow(/SHA-256/);
    const growing = fakeFile(data, 1000, (chunk) => (chunk.offset === 2000 ? { ...chunk, totalBytes: 4000 } : chunk));
    await expect(readAll((await openDownload(growing.read, remoteBaseName)).body)).rejects.toThrow(/changed/);
  });

  it("answers an empty file", async () => {
    const download = await openDownload(fakeFile(Buffer.alloc(0), 1000).read, remoteBaseName);
    expect((await readAll(download.body)).length).toBe(0);
  });
});

describe("pushUpload", () => {
  function recorder(receivedBytes = 0) {
    const chunks: { offset: number; bytes: number }[] = [];
    let finished: string | undefined;
    const steps: UploadSteps = {
      start: async () => ({ uploadId: "upload-0001", receivedBytes }),
      send: sendInChunks(async ({ offset, data }) => {
        chunks.push({ offset, bytes: Buffer.from(data, "base64").length });
        return { receivedBytes: offset + Buffer.from(data, "base64").length, accepted: true };
      }),
      finish: async ({ uploadId, sha256: hash }) => {
        finished = hash;
        return { uploadId, path: "/x", sizeBytes: 0, sha256: hash };
      },
    };
    return { steps, chunks, finished: () => finished };
  }

  it("re-cuts uneven pieces into 256 KiB chunks and ends with the whole file's hash", async () => {
    const data = Buffer.alloc(UPLOAD_CHUNK_BYTES * 2 + 5, 3);
    const pieces = [data.subarray(0, 1000), data.subarray(1000, UPLOAD_CHUNK_BYTES + 17), data.subarray(UPLOAD_CHUNK_BYTES + 17)];
    const r = recorder();
    await pushUpload(r.steps, { path: "/x", overwrite: false, source: pieces, limitBytes: 10 * UPLOAD_CHUNK_BYTES });
    expect(r.chunks).toEqual([
      { offset: 0, bytes: UPLOAD_CHUNK_BYTES },
      { offset: UPLOAD_CHUNK_BYTES, bytes: UPLOAD_CHUNK_BYTES },
      { offset: 2 * UPLOAD_CHUNK_BYTES, bytes: 5 },
    ]);
    expect(r.finished()).toBe(sha256(data));
  });

  it("skips what the agent already holds, even mid-chunk, but hashes all of it", async () => {
    const data = Buffer.alloc(UPLOAD_CHUNK_BYTES * 3, 9);
    const r = recorder(UPLOAD_CHUNK_BYTES + 100);
    await pushUpload(r.steps, { path: "/x", overwrite: false, source: [data], limitBytes: 10 * UPLOAD_CHUNK_BYTES });
    expect(r.chunks).toEqual([
      { offset: UPLOAD_CHUNK_BYTES + 100, bytes: UPLOAD_CHUNK_BYTES - 100 },
      { offset: 2 * UPLOAD_CHUNK_BYTES, bytes: UPLOAD_CHUNK_BYTES },
    ]);
    expect(r.finished()).toBe(sha256(data));
  });

  it("stops at the limit, before sending anything of the piece that passes it", async () => {
    const r = recorder();
    const source = [Buffer.alloc(UPLOAD_CHUNK_BYTES), Buffer.alloc(UPLOAD_CHUNK_BYTES)];
    await expect(pushUpload(r.steps, { path: "/x", overwrite: false, source, limitBytes: UPLOAD_CHUNK_BYTES + 1 })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(r.chunks).toHaveLength(1);
    expect(r.finished()).toBeUndefined();
  });
});

describe("contentDisposition", () => {
  it("keeps quotes and separators out of the ASCII name and gives the exact one encoded", () => {
    expect(contentDisposition('a"b\\c;d.txt')).toBe(`attachment; filename="a_b_c_d.txt"; filename*=UTF-8''a%22b%5Cc%3Bd.txt`);
    expect(remoteBaseName("C:\\Users\\me\\notes.txt")).toBe("notes.txt");
  });
});
