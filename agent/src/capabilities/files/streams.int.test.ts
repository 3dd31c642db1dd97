/**
 * Streamed downloads and uploads of the file capability against real files, with the test playing
 * the gateway's end of the stream channel: credit is honoured, bytes and hashes are exact, and a
 * relay that fails or a socket that drops leaves nothing open and uploads resumable.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeStreamFrame, encodeCreditFrame, encodeDataFrame, STREAM_WINDOW_BYTES, type AgentStreamEndMessage, type StreamFrame } from "../../../../src/protocol";
import { createLogger } from "../../log";
import { StreamChannel } from "../../streams/stream-channel";
import { startDownloadStream } from "./stream-download";
import { startUploadStream } from "./stream-upload";
import { Uploads } from "./uploads";

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "rmm-streams-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The gateway's side of the channel: what the agent sent, and a way to answer. */
function gatewayPeer() {
  const frames: StreamFrame[] = [];
  const ends: AgentStreamEndMessage[] = [];
  const waiters: (() => void)[] = [];
  const changed = () => waiters.splice(0).forEach((wake) => wake());
  const channel = new StreamChannel(
    {
      sendFrame: (frame, written) => {
        frames.push(decodeStreamFrame(Buffer.from(frame))!);
        setImmediate(written);
        changed();
        return true;
      },
      sendEnd: (message) => {
        ends.push(message);
        changed();
        return true;
      },
    },
    createLogger(() => {}),
  );
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const data = () => Buffer.concat(frames.flatMap((frame) => (frame.kind === "data" ? [frame.payload] : [])));
  const credit = () => frames.reduce((sum, frame) => sum + (frame.kind === "credit" ? frame.bytes : 0), 0);
  const grant = (transferId: string, bytes: number) => channel.receiveFrame(encodeCreditFrame(transferId, bytes));
  return { channel, frames, ends, until, data, credit, grant };
}

async function sizeReaches(path: string, size: number) {
  while ((await stat(path)).size < size) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe.skipIf(process.platform !== "linux")("file streams on Linux", () => {
  it("sends a file only as far as the credit goes, then whole, with its hash", async () => {
    const gateway = gatewayPeer();
    const data = randomBytes(STREAM_WINDOW_BYTES + 300_000);
    const source = join(dir, "source.bin");
    await writeFile(source, data);
    const transferId = randomUUID();
    const opened = await startDownloadStream(posix, gateway.channel, { transferId, path: source });
    expect(opened).toMatchObject({ transferId, path: source, totalBytes: data.length });

    gateway.grant(transferId, 1_000_000);
    await gateway.until(() => gateway.data().length === 1_000_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gateway.data().length).toBe(1_000_000);

    gateway.grant(transferId, data.length);
    await gateway.until(() => gateway.ends.length === 1);
    expect(gateway.data().equals(data)).toBe(true);
    expect(gateway.ends[0]).toEqual({ type: "file-stream-end", transferId, ok: true, bytes: data.length, sha256: sha256(data) });
    expect(gateway.channel.openTransfers).toBe(0);
  });

  it("stops sending when the relay ends, and says why when nobody asks or the file is missing", async () => {
    const gateway = gatewayPeer();
    const source = join(dir, "big.bin");
    await writeFile(source, randomBytes(2_000_000));
    const aborted = randomUUID();
    await startDownloadStream(posix, gateway.channel, { transferId: aborted, path: source });
    gateway.grant(aborted, 100_000);
    await gateway.until(() => gateway.data().length === 100_000);
    gateway.channel.receiveEnd({ type: "file-stream-end", transferId: aborted, ok: false, error: { code: "failed", message: "the client went away" } });
    gateway.grant(aborted, 1_000_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gateway.data().length).toBe(100_000);
    expect(gateway.ends).toEqual([]);

    const unclaimed = randomUUID();
    await startDownloadStream(posix, gateway.channel, { transferId: unclaimed, path: source }, 50);
    await gateway.until(() => gateway.ends.length === 1);
    expect(gateway.ends[0]).toMatchObject({ transferId: unclaimed, ok: false, error: { code: "timeout" } });
    expect(gateway.channel.openTransfers).toBe(0);

    await expect(startDownloadStream(posix, gateway.channel, { transferId: randomUUID(), path: join(dir, "missing") })).rejects.toMatchObject({ code: "not-found" });
    await expect(startDownloadStream(posix, gateway.channel, { transferId: randomUUID(), path: dir })).rejects.toMatchObject({ code: "invalid" });
  });

  it("ends with an error when the file changes while it is sent", async () => {
    const gateway = gatewayPeer();
    const source = join(dir, "growing.log");
    await writeFile(source, randomBytes(500_000));
    const transferId = randomUUID();
    await startDownloadStream(posix, gateway.channel, { transferId, path: source });
    await appendFile(source, "more");
    gateway.grant(transferId, STREAM_WINDOW_BYTES);
    await gateway.until(() => gateway.ends.length === 1);
    expect(gateway.ends[0]).toMatchObject({ ok: false, error: { code: "failed", message: expect.stringContaining("changed") } });
  });

  it("writes an upload's frames as credit allows, and the end puts the file in place", async () => {
    const gateway = gatewayPeer();
    const uploads = new Uploads(posix);
    const data = randomBytes(2 * STREAM_WINDOW_BYTES + 12_345);
    const target = join(dir, "uploaded.bin");
    await uploads.start({ uploadId: "stream-upload-1", path: target, totalBytes: data.length, overwrite: false });
    const transferId = randomUUID();
    expect(await startUploadStream(uploads, gateway.channel, { transferId, uploadId: "stream-upload-1", offset: 0 })).toEqual({ transferId, uploadId: "stream-upload-1", receivedBytes: 0 });
    expect(gateway.credit()).toBe(STREAM_WINDOW_BYTES);

    // Send as a relay would: never past the credit granted so far.
    for (let sent = 0; sent < data.length; ) {
      await gateway.until(() => gateway.credit() > sent);
      const size = Math.min(256 * 1024, gateway.credit() - sent, data.length - sent);
      gateway.channel.receiveFrame(encodeDataFrame(transferId, data.subarray(sent, sent + size)));
      sent += size;
    }
    gateway.channel.receiveEnd({ type: "file-stream-end", transferId, ok: true, bytes: data.length });
    await gateway.until(() => gateway.ends.length === 1);
    expect(gateway.ends[0]).toEqual({ type: "file-stream-end", transferId, ok: true, bytes: data.length });
    expect(await uploads.end("stream-upload-1", sha256(data))).toMatchObject({ path: target, sizeBytes: data.length });
    expect((await readFile(target)).equals(data)).toBe(true);
  });

  it("keeps what a failed relay delivered, so the upload resumes; refuses a stream at the wrong offset or past the credit", async () => {
    const gateway = gatewayPeer();
    const uploads = new Uploads(posix);
    const data = randomBytes(600_000);
    const target = join(dir, "resumed.bin");
    await uploads.start({ uploadId: "stream-upload-2", path: target, totalBytes: data.length, overwrite: false });
    const first = randomUUID();
    await startUploadStream(uploads, gateway.channel, { transferId: first, uploadId: "stream-upload-2", offset: 0 });
    gateway.channel.receiveFrame(encodeDataFrame(first, data.subarray(0, 200_000)));
    await sizeReaches(join(dir, ".rmm-upload-stream-upload-2.part"), 200_000);
    gateway.channel.receiveEnd({ type: "file-stream-end", transferId: first, ok: false, error: { code: "failed", message: "the relay request was aborted" } });

    expect(await uploads.start({ uploadId: "stream-upload-2", path: target, totalBytes: data.length, overwrite: false })).toEqual({ uploadId: "stream-upload-2", receivedBytes: 200_000 });
    await expect(startUploadStream(uploads, gateway.channel, { transferId: randomUUID(), uploadId: "stream-upload-2", offset: 0 })).rejects.toMatchObject({ code: "invalid" });
    const second = randomUUID();
    await startUploadStream(uploads, gateway.channel, { transferId: second, uploadId: "stream-upload-2", offset: 200_000 });
    gateway.channel.receiveFrame(encodeDataFrame(second, data.subarray(200_000, 400_000)));
    gateway.channel.receiveFrame(encodeDataFrame(second, data.subarray(400_000)));
    gateway.channel.receiveEnd({ type: "file-stream-end", transferId: second, ok: true, bytes: 400_000 });
    await gateway.until(() => gateway.ends.length === 1);
    expect(gateway.ends[0]).toMatchObject({ transferId: second, ok: true, bytes: 400_000 });
    await uploads.end("stream-upload-2", sha256(data));
    expect((await readFile(target)).equals(data)).toBe(true);

    await uploads.start({ uploadId: "stream-upload-3", path: join(dir, "flood.bin"), overwrite: false });
    const flood = randomUUID();
    await startUploadStream(uploads, gateway.channel, { transferId: flood, uploadId: "stream-upload-3", offset: 0 });
    for (let i = 0; i <= STREAM_WINDOW_BYTES / (256 * 1024); i++) gateway.channel.receiveFrame(encodeDataFrame(flood, Buffer.alloc(256 * 1024)));
    await gateway.until(() => gateway.ends.length === 2);
    expect(gateway.ends[1]).toMatchObject({ transferId: flood, ok: false, error: { code: "invalid", message: expect.stringContaining("credit") } });
  });

  it("releases an upload when the socket drops, so its next command runs", async () => {
    const gateway = gatewayPeer();
    const uploads = new Uploads(posix);
    const target = join(dir, "dropped.bin");
    await uploads.start({ uploadId: "stream-upload-4", path: target, overwrite: false });
    const transferId = randomUUID();
    await startUploadStream(uploads, gateway.channel, { transferId, uploadId: "stream-upload-4", offset: 0 });
    gateway.channel.receiveFrame(encodeDataFrame(transferId, Buffer.from("half")));
    gateway.channel.abortAll("disconnected");
    expect(await uploads.chunk("stream-upload-4", 4, Buffer.from(" more"))).toMatchObject({ accepted: true, receivedBytes: 9 });
    await uploads.end("stream-upload-4", sha256(Buffer.from("half more")));
    expect(await readFile(target, "utf8")).toBe("half more");
    expect(await readdir(dir)).toEqual(["dropped.bin"]);
  });
});
