/**
 * Whole files without ever holding one in memory. A download through the chunk commands is a
 * ReadableStream that keeps a few chunk requests in flight ahead of the client (never more, however
 * slowly the client reads), checks each chunk's SHA-256, and fails if the file changes under it
 * (the relayed download is file-relay/relayed-download.ts). An upload starts, hands the bytes the
 * agent does not have yet to a sender (256 KiB chunk commands here, or the relay's stream), hashes
 * every byte as it goes and ends with that hash: given the uploadId of an interrupted upload, it
 * skips (but still hashes) what the agent already has, so the final hash proves the two halves
 * belong together.
 */
import { createHash, type Hash } from "node:crypto";
import { UPLOAD_CHUNK_BYTES, type DownloadFileResult } from "../../protocol";
import type { UploadFinishOutput } from "../contracts/files";
import { AppError } from "../errors";

export type ChunkReader = (offset: number) => Promise<DownloadFileResult>;

export type OpenDownload = { name: string; totalBytes: number; modifiedAt: string; body: ReadableStream<Uint8Array> };

function verified(chunk: DownloadFileResult, expectedOffset: number): Buffer {
  const bytes = Buffer.from(chunk.data, "base64");
  if (chunk.offset !== expectedOffset) throw new AppError("AGENT_ERROR", `The agent sent the chunk at ${chunk.offset} instead of ${expectedOffset}`);
  if (createHash("sha256").update(bytes).digest("hex") !== chunk.sha256) throw new AppError("AGENT_ERROR", `The chunk at ${chunk.offset} does not match its SHA-256`);
  return bytes;
}

/** Chunks asked for ahead of the one being sent: the round trips through PostgreSQL and the agent overlap. */
export const DOWNLOAD_READ_AHEAD = 3;

/**
 * Reads the first chunk now (so a missing file is an error answer, not a broken stream), the rest
 * as the client reads, with up to DOWNLOAD_READ_AHEAD chunks in flight: the memory held is bounded
 * by that window, not by the file.
 */
export async function openDownload(read: ChunkReader, baseName: (path: string) => string, readAhead = DOWNLOAD_READ_AHEAD): Promise<OpenDownload> {
  const first = await read(0);
  const firstBytes = verified(first, 0);
  const chunkBytes = firstBytes.length;
  let nextOffset = chunkBytes;
  const inFlight: { offset: number; chunk: Promise<DownloadFileResult> }[] = [];
  const topUp = () => {
    while (!first.eof && chunkBytes > 0 && inFlight.length < readAhead && nextOffset < first.totalBytes) {
      const chunk = read(nextOffset);
      // Awaited in order later; a failure meanwhile must not count as unhandled.
      chunk.catch(() => undefined);
      inFlight.push({ offset: nextOffset, chunk });
      nextOffset += chunkBytes;
    }
  };
  let pending: Buffer | null = firstBytes;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        topUp();
        if (pending) {
          controller.enqueue(pending);
          pending = null;
          if (inFlight.length === 0) controller.close();
          return;
        }
        const next = inFlight.shift();
        if (!next) return controller.close();
        const chunk = await next.chunk;
        if (chunk.totalBytes !== first.totalBytes || chunk.modifiedAt !== first.modifiedAt) {
          throw new AppError("CONFLICT", "The file changed during the download");
        }
        const bytes = verified(chunk, next.offset);
        if (bytes.length !== Math.min(chunkBytes, first.totalBytes - next.offset)) throw new AppError("AGENT_ERROR", `The agent sent ${bytes.length} bytes at ${next.offset}`);
        controller.enqueue(bytes);
        topUp();
        if (inFlight.length === 0) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
  return { name: baseName(first.path), totalBytes: first.totalBytes, modifiedAt: first.modifiedAt, body };
}

/** A filename for `Content-Disposition`: an ASCII fallback and the exact name in RFC 5987 form. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_").replace(/[/;]/g, "_") || "download";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The last component of an agent path in either syntax. */
export function remoteBaseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? "download";
}

export type UploadSteps = {
  start: (input: { path: string; totalBytes?: number; overwrite: boolean; uploadId?: string }) => Promise<{ uploadId: string; receivedBytes: number }>;
  /** Moves the bytes from `offset` on to the agent, all of them: as chunk commands (`sendInChunks`) or one relayed stream. */
  send: (input: { uploadId: string; offset: number; bytes: AsyncIterable<Buffer> }) => Promise<void>;
  finish: (input: { uploadId: string; sha256: string }) => Promise<UploadFinishOutput>;
};

export type ChunkStep = (input: { uploadId: string; offset: number; data: string }) => Promise<{ receivedBytes: number; accepted: boolean }>;

export type PushInput = { path: string; overwrite: boolean; totalBytes?: number; uploadId?: string; source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>; limitBytes: number };

const tooLarge = (limitBytes: number) => new AppError("PAYLOAD_TOO_LARGE", `The file is larger than the upload limit of ${limitBytes} bytes`);

/** Cuts a byte stream into chunks of exactly `size` bytes (the first `firstSize`, the last shorter). */
async function* rechunk(source: AsyncIterable<Buffer>, size: number, firstSize = size): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  let next = firstSize;
  for await (const piece of source) {
    let rest = piece;
    while (held + rest.length >= next) {
      const take = next - held;
      parts.push(rest.subarray(0, take));
      yield Buffer.concat(parts);
      rest = rest.subarray(take);
      parts = [];
      held = 0;
      next = size;
    }
    if (rest.length > 0) {
      // Copied: the source may reuse its buffer for the next piece.
      parts.push(Buffer.from(rest));
      held += rest.length;
    }
  }
  if (held > 0) yield Buffer.concat(parts);
}

/** The chunk commands' way to send: 256 KiB chunks at the multiples of 256 KiB, one at a time. */
export function sendInChunks(chunk: ChunkStep): UploadSteps["send"] {
  return async ({ uploadId, offset, bytes }) => {
    let at = offset;
    for await (const data of rechunk(bytes, UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES - (offset % UPLOAD_CHUNK_BYTES))) {
      const answer = await chunk({ uploadId, offset: at, data: data.toString("base64") });
      if (!answer.accepted) throw new AppError("CONFLICT", `The agent expected the upload to continue at byte ${answer.receivedBytes}, not ${at}`);
      at += data.length;
    }
  };
}

/**
 * The source past the first `skip` bytes, every byte hashed (the skipped ones too, so the final
 * hash proves they match what the agent holds); fails as soon as the source passes the limit, so
 * nothing beyond it is sent. `counted` learns the source's length at its end.
 */
async function* hashedRemainder(source: PushInput["source"], options: { skip: number; limitBytes: number; hash: Hash; counted: (bytes: number) => void }): AsyncGenerator<Buffer> {
  let position = 0;
  for await (const piece of source) {
    const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (position + bytes.length > options.limitBytes) throw tooLarge(options.limitBytes);
    options.hash.update(bytes);
    const start = Math.max(0, options.skip - position);
    position += bytes.length;
    if (start < bytes.length) yield bytes.subarray(start);
  }
  options.counted(position);
}

export async function pushUpload(steps: UploadSteps, input: PushInput): Promise<UploadFinishOutput> {
  if (input.totalBytes !== undefined && input.totalBytes > input.limitBytes) throw tooLarge(input.limitBytes);
  const { uploadId, receivedBytes } = await steps.start({ path: input.path, overwrite: input.overwrite, ...(input.totalBytes === undefined ? {} : { totalBytes: input.totalBytes }), ...(input.uploadId ? { uploadId: input.uploadId } : {}) });
  const hash = createHash("sha256");
  let sourceBytes = 0;
  await steps.send({ uploadId, offset: receivedBytes, bytes: hashedRemainder(input.source, { skip: receivedBytes, limitBytes: input.limitBytes, hash, counted: (bytes) => (sourceBytes = bytes) }) });
  if (sourceBytes < receivedBytes) throw new AppError("BAD_REQUEST", `The agent already holds ${receivedBytes} bytes of upload ${uploadId}, more than this file's ${sourceBytes}`);
  return steps.finish({ uploadId, sha256: hash.digest("hex") });
}
