/**
 * The chunked upload on the agent. Bytes go to a temporary file beside the target, named after the
 * upload (`.rmm-upload-<uploadId>.part`), so a restarted agent finds it again and an interrupted
 * upload resumes where the file ends (one left alone for a week is removed when another upload
 * starts in its folder). Chunks are appended only at the current end (anything else
 * is answered `accepted: false` with the offset expected); the commands of one upload run one at a
 * time, whatever order the dispatcher starts them in. At the end the whole file's SHA-256 is
 * checked and the temporary file is renamed over the target, so the target is never half-written.
 * A streamed upload (stream-upload.ts) appends through `openAppender` instead of chunk commands.
 *
 * The hash is computed as the bytes are written, so the end does not read the file again; only an
 * upload resumed by another agent process (whose first bytes this one never saw) is read again.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { appendFile, lstat, open, readdir, rename, stat, unlink, writeFile, type FileHandle } from "node:fs/promises";
import type { PlatformPath } from "node:path";
import { pipeline } from "node:stream/promises";
import { CommandError } from "../../command-error";
import { onPath } from "./fs-errors";
import { checkedPath } from "./paths";

/** SHA-256 of the temporary file's first `bytes`, kept up to date as it grows. */
type RunningHash = { hash: Hash; bytes: number };

type Upload = { target: string; temp: string; totalBytes: number | undefined; overwrite: boolean; queue: Promise<unknown>; digest: RunningHash | null };

/** Appends a streamed upload's bytes through one open handle; the upload's other commands wait until `close`. */
export type UploadAppender = { write(data: Buffer): Promise<void>; close(): Promise<void> };

export type StartInput = { uploadId: string; path: string; totalBytes?: number; overwrite: boolean };

const tempName = (uploadId: string) => `.rmm-upload-${uploadId}.part`;
const TEMP_PATTERN = /^\.rmm-upload-[A-Za-z0-9_-]{8,64}\.part$/;
/** An upload nobody resumed for this long is abandoned; its temporary file goes when the next upload starts beside it. */
export const ABANDONED_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

async function sizeOf(path: string): Promise<number | null> {
  return stat(path).then((info) => info.size, (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? null : Promise.reject(error)));
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

export class Uploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly paths: PlatformPath,
    private readonly now: () => number = Date.now,
  ) {}

  async start(input: StartInput): Promise<{ uploadId: string; receivedBytes: number }> {
    const target = checkedPath(this.paths, input.path);
    const existing = this.uploads.get(input.uploadId);
    if (existing && existing.target !== target) throw new CommandError("invalid", `upload ${input.uploadId} is writing another file`);
    return onPath(input.path, async () => {
      const directory = await stat(this.paths.dirname(target));
      if (!directory.isDirectory()) throw new CommandError("invalid", `the folder of '${input.path}' is not a directory`);
      await this.refuseToReplace(target, input.overwrite, input.path);
      const temp = this.paths.join(this.paths.dirname(target), tempName(input.uploadId));
      let receivedBytes = (await sizeOf(temp)) ?? 0;
      if (input.totalBytes !== undefined && receivedBytes > input.totalBytes) receivedBytes = 0; // not this file's beginning: start again
      if (receivedBytes === 0) await writeFile(temp, new Uint8Array(0), { mode: 0o600 });
      await this.removeAbandoned(this.paths.dirname(target), temp);
      const digest = receivedBytes === 0 ? { hash: createHash("sha256"), bytes: 0 } : existing?.digest?.bytes === receivedBytes ? existing.digest : null;
      this.uploads.set(input.uploadId, { target, temp, totalBytes: input.totalBytes, overwrite: input.overwrite, queue: existing?.queue ?? Promise.resolve(), digest });
      return { uploadId: input.uploadId, receivedBytes };
    });
  }

  chunk(uploadId: string, offset: number, data: Buffer): Promise<{ uploadId: string; receivedBytes: number; accepted: boolean }> {
    return this.serially(uploadId, async (upload) => {
      const receivedBytes = (await sizeOf(upload.temp)) ?? 0;
      if (offset !== receivedBytes) return { uploadId, receivedBytes, accepted: false };
      refuseBeyondAnnounced(upload, offset, data.length);
      await appended(upload, offset, data, () => appendFile(upload.temp, data));
      return { uploadId, receivedBytes: offset + data.length, accepted: true };
    });
  }

  /**
   * For a streamed upload: holds the upload (its chunk and end commands wait) and appends through
   * one open handle until closed. The stream must continue exactly where the temporary file ends.
   */
  openAppender(uploadId: string, offset: number): Promise<UploadAppender> {
    return new Promise((resolve, reject) => {
      this.serially(uploadId, async (upload) => {
        const receivedBytes = (await sizeOf(upload.temp)) ?? 0;
        if (offset !== receivedBytes) throw new CommandError("invalid", `upload ${uploadId} continues at byte ${receivedBytes}, not ${offset}`);
        const handle = await open(upload.temp, "a");
        await new Promise<void>((released) => resolve(appender(upload, handle, offset, released)));
      }).catch(reject);
    });
  }

  end(uploadId: string, sha256: string): Promise<{ uploadId: string; path: string; sizeBytes: number; sha256: string }> {
    return this.serially(uploadId, async (upload) => {
      const sizeBytes = (await sizeOf(upload.temp)) ?? 0;
      if (upload.totalBytes !== undefined && sizeBytes !== upload.totalBytes) {
        throw new CommandError("invalid", `received ${sizeBytes} of ${upload.totalBytes} bytes; send the rest first`);
      }
      const actual = upload.digest?.bytes === sizeBytes ? upload.digest.hash.copy().digest("hex") : await sha256Of(upload.temp);
      if (actual !== sha256) {
        await this.abandon(uploadId, upload);
        throw new CommandError("failed", `the received file's SHA-256 is ${actual}, not ${sha256}; the upload was discarded`);
      }
      // Checked again: the target may have appeared since the start.
      await this.refuseToReplace(upload.target, upload.overwrite, upload.target);
      await rename(upload.temp, upload.target);
      this.uploads.delete(uploadId);
      return { uploadId, path: upload.target, sizeBytes, sha256 };
    });
  }

  private async refuseToReplace(target: string, overwrite: boolean, shown: string): Promise<void> {
    const existing = await lstat(target).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? null : Promise.reject(error)));
    if (!existing) return;
    if (existing.isDirectory()) throw new CommandError("invalid", `'${shown}' is a directory`);
    if (!overwrite) throw new CommandError("exists", `'${shown}' already exists; ask to overwrite it`);
  }

  /** Best effort: a folder we cannot read or a file we cannot remove is not this upload's problem. */
  private async removeAbandoned(directory: string, keep: string): Promise<void> {
    const names = await readdir(directory).catch(() => [] as string[]);
    const cutoff = this.now() - ABANDONED_AFTER_MS;
    for (const name of names.filter((candidate) => TEMP_PATTERN.test(candidate))) {
      const path = this.paths.join(directory, name);
      if (path === keep || [...this.uploads.values()].some((upload) => upload.temp === path)) continue;
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs < cutoff) await unlink(path).catch(() => undefined);
    }
  }

  private async abandon(uploadId: string, upload: Upload): Promise<void> {
    this.uploads.delete(uploadId);
    await unlink(upload.temp).catch(() => undefined);
  }

  /** One command of an upload at a time: the next one waits for the previous one's write. */
  private serially<T>(uploadId: string, work: (upload: Upload) => Promise<T>): Promise<T> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return Promise.reject(new CommandError("not-found", `no upload ${uploadId} in progress; start it (again) first`));
    const run = upload.queue.then(() => onPath(upload.target, () => work(upload)));
    upload.queue = run.catch(() => undefined);
    return run;
  }
}

function refuseBeyondAnnounced(upload: Upload, offset: number, length: number): void {
  if (upload.totalBytes !== undefined && offset + length > upload.totalBytes) {
    throw new CommandError("invalid", `the data ends at ${offset + length}, past the announced ${upload.totalBytes} bytes`);
  }
}

/** Runs the write of `data` at `offset` and keeps the running hash in step; after a failed write only a new read can tell what is in the file. */
async function appended(upload: Upload, offset: number, data: Buffer, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    upload.digest = null;
    throw error;
  }
  if (upload.digest?.bytes === offset) {
    upload.digest.hash.update(data);
    upload.digest.bytes += data.length;
  } else {
    upload.digest = null;
  }
}

async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  for (let written = 0; written < data.length; ) written += (await handle.write(data, written)).bytesWritten;
}

function appender(upload: Upload, handle: FileHandle, offset: number, released: () => void): UploadAppender {
  let end = offset;
  let closing: Promise<void> | undefined;
  return {
    async write(data) {
      refuseBeyondAnnounced(upload, end, data.length);
      await appended(upload, end, data, () => writeAll(handle, data));
      end += data.length;
    },
    close() {
      closing ??= handle.close().finally(released);
      return closing;
    },
  };
}
