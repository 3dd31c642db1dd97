/**
 * The chunked upload on the agent. Bytes go to a temporary file beside the target, named after the
 * upload (`.rmm-upload-<uploadId>.part`), so a restarted agent finds it again and an interrupted
 * upload resumes where the file ends (one left alone for a week is removed when another upload
 * starts in its folder). Chunks are appended only at the current end (anything else
 * is answered `accepted: false` with the offset expected); the commands of one upload run one at a
 * time, whatever order the dispatcher starts them in. At the end the whole file's SHA-256 is
 * checked and the temporary file is renamed over the target, so the target is never half-written.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { appendFile, lstat, readdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import type { PlatformPath } from "node:path";
import { pipeline } from "node:stream/promises";
import { CommandError } from "../../command-error";
import { onPath } from "./fs-errors";
import { checkedPath } from "./paths";

type Upload = { target: string; temp: string; totalBytes: number | undefined; overwrite: boolean; queue: Promise<unknown> };

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
      this.uploads.set(input.uploadId, { target, temp, totalBytes: input.totalBytes, overwrite: input.overwrite, queue: existing?.queue ?? Promise.resolve() });
      return { uploadId: input.uploadId, receivedBytes };
    });
  }

  chunk(uploadId: string, offset: number, data: Buffer): Promise<{ uploadId: string; receivedBytes: number; accepted: boolean }> {
    return this.serially(uploadId, async (upload) => {
      const receivedBytes = (await sizeOf(upload.temp)) ?? 0;
      if (offset !== receivedBytes) return { uploadId, receivedBytes, accepted: false };
      if (upload.totalBytes !== undefined && offset + data.length > upload.totalBytes) {
        throw new CommandError("invalid", `the chunk ends at ${offset + data.length}, past the announced ${upload.totalBytes} bytes`);
      }
      await appendFile(upload.temp, data);
      return { uploadId, receivedBytes: offset + data.length, accepted: true };
    });
  }

  end(uploadId: string, sha256: string): Promise<{ uploadId: string; path: string; sizeBytes: number; sha256: string }> {
    return this.serially(uploadId, async (upload) => {
      const sizeBytes = (await sizeOf(upload.temp)) ?? 0;
      if (upload.totalBytes !== undefined && sizeBytes !== upload.totalBytes) {
        throw new CommandError("invalid", `received ${sizeBytes} of ${upload.totalBytes} bytes; send the rest first`);
      }
      const actual = await sha256Of(upload.temp);
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
