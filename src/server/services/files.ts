/**
 * Files on a device, always asked of the agent: a listing, one chunk of a download, the steps of a
 * chunked upload, and the commands that open a relayed stream either way. Moving a whole file is
 * file-transfer.ts's and file-relay/'s job, on top of these. A download is audited when its first
 * chunk is read or its stream opened, an upload when it ends (refusals included); chunks in
 * between are not, or a 2 GiB upload would write 8,000 entries.
 */
import { randomUUID } from "node:crypto";
import type { FileStreamDownloadResult } from "../../protocol";
import { getConfig } from "../config";
import type { FileListOutput, UploadFinishOutput } from "../contracts/files";
import { AppError } from "../errors";
import type { ServiceContext } from "./service-context";

/** Download chunks: large enough that the per-command round trip is amortised, small enough to keep memory flat. */
export const DOWNLOAD_CHUNK_BYTES = 2 * 1024 * 1024;
/** Hashing a multi-gigabyte file on the agent takes a while. */
const FINISH_TIMEOUT_MS = 180_000;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function listFiles(ctx: ServiceContext, agentId: string, path: string): Promise<FileListOutput> {
  const listing = await ctx.request(agentId, "file-list", { path });
  return {
    ...listing,
    entries: listing.entries.map((entry) => ({ ...entry, isDirectory: entry.kind === "directory", size: entry.sizeBytes ?? null, lastModifiedUtc: entry.modifiedAt ?? null })),
  };
}

/** Runs the start of a download, audited with the file's size or the reason it failed. */
async function auditedDownload<T extends { totalBytes: number }>(ctx: ServiceContext, input: { agentId: string; path: string }, open: () => Promise<T>): Promise<T> {
  const audit = (success: boolean, details: Record<string, unknown>) => ctx.audit({ action: "file.download", target: input.agentId, success, details: { path: input.path, ...details } });
  try {
    const opened = await open();
    await audit(true, { sizeBytes: opened.totalBytes });
    return opened;
  } catch (error) {
    await audit(false, { error: errorText(error) });
    throw error;
  }
}

export async function readFileChunk(ctx: ServiceContext, input: { agentId: string; path: string; offset: number }) {
  const read = () => ctx.request(input.agentId, "download-file", { path: input.path, offset: input.offset, length: DOWNLOAD_CHUNK_BYTES });
  return input.offset === 0 ? auditedDownload(ctx, input, read) : read();
}

/** The agent opens the file for the relay and answers its size (file-relay/relayed-download.ts takes it from there). */
export async function openDownloadStream(ctx: ServiceContext, input: { agentId: string; path: string }): Promise<FileStreamDownloadResult> {
  return auditedDownload(ctx, input, () => ctx.request(input.agentId, "file-stream-download", { transferId: randomUUID(), path: input.path }));
}

/** The agent continues an upload with the bytes of the relay's transfer `transferId` (file-relay/relayed-upload.ts). */
export async function startUploadStream(ctx: ServiceContext, input: { agentId: string; uploadId: string; transferId: string; offset: number }) {
  return ctx.request(input.agentId, "file-stream-upload", { transferId: input.transferId, uploadId: input.uploadId, offset: input.offset });
}

export async function startUpload(ctx: ServiceContext, input: { agentId: string; path: string; totalBytes?: number; overwrite: boolean; uploadId?: string }) {
  const limit = getConfig().FILE_UPLOAD_MAX_BYTES;
  if (input.totalBytes !== undefined && input.totalBytes > limit) throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than the upload limit of ${limit} bytes`);
  const uploadId = input.uploadId ?? randomUUID();
  try {
    return await ctx.request(input.agentId, "upload-file-start", { uploadId, path: input.path, overwrite: input.overwrite, ...(input.totalBytes === undefined ? {} : { totalBytes: input.totalBytes }) });
  } catch (error) {
    // A refusal to overwrite is a question for the user, not an event; anything else is worth recording.
    if (!(error instanceof AppError && error.code === "CONFLICT")) await ctx.audit({ action: "file.upload", target: input.agentId, success: false, details: { path: input.path, error: errorText(error) } });
    throw error;
  }
}

export async function sendUploadChunk(ctx: ServiceContext, input: { agentId: string; uploadId: string; offset: number; data: string }) {
  if (input.offset + Math.floor((input.data.length * 3) / 4) > getConfig().FILE_UPLOAD_MAX_BYTES + 2) throw new AppError("PAYLOAD_TOO_LARGE", "The upload passed the upload limit");
  return ctx.request(input.agentId, "upload-file-chunk", { uploadId: input.uploadId, offset: input.offset, data: input.data });
}

export async function finishUpload(ctx: ServiceContext, input: { agentId: string; uploadId: string; sha256: string }): Promise<UploadFinishOutput> {
  try {
    const result = await ctx.request(input.agentId, "upload-file-end", { uploadId: input.uploadId, sha256: input.sha256 }, { timeoutMs: FINISH_TIMEOUT_MS });
    await ctx.audit({ action: "file.upload", target: input.agentId, success: true, details: { path: result.path, sizeBytes: result.sizeBytes, sha256: result.sha256 } });
    return result;
  } catch (error) {
    await ctx.audit({ action: "file.upload", target: input.agentId, success: false, details: { uploadId: input.uploadId, error: errorText(error) } });
    throw error;
  }
}
