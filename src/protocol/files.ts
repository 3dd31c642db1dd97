/**
 * File transfer: `file-list`, `download-file` (read one chunk per command)
 * and the chunked upload `upload-file-start` / `upload-file-chunk` /
 * `upload-file-end`. Binary data travels base64-encoded.
 */
import { z } from "zod";
import { byteCount, identifier, isoTimestamp } from "./common";
import { defineCommand, type CommandSpec } from "./envelope";

/** Upload chunks are 256 KiB, as the spec's REST handler splits them. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
/** Download chunks stay well under the 16 MiB message limit once base64-encoded. */
export const DOWNLOAD_CHUNK_MAX_BYTES = 4 * 1024 * 1024;

const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;
const base64Chunk = (maxBytes: number) => z.base64().max(base64Length(maxBytes));

/** Absolute path in the agent OS's own syntax. */
export const remotePath = z.string().min(1).max(4096);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const fileEntry = z.object({
  name: z.string().min(1).max(1024),
  kind: z.enum(["file", "directory", "symlink", "other"]),
  sizeBytes: byteCount.optional(),
  modifiedAt: isoTimestamp.optional(),
});

/** Named `file-list` by the spec's `GET /files/{agentId}/list`. */
export const fileListCommand = defineCommand("file-list", { path: remotePath });

export const fileListResult = z.object({
  path: remotePath,
  entries: z.array(fileEntry).max(100_000),
  retrievedAt: isoTimestamp,
});

export const downloadFileCommand = defineCommand("download-file", {
  path: remotePath,
  offset: byteCount.default(0),
  length: z.number().int().positive().max(DOWNLOAD_CHUNK_MAX_BYTES).default(DOWNLOAD_CHUNK_MAX_BYTES),
});

export const downloadFileResult = z.object({
  path: remotePath,
  offset: byteCount,
  totalBytes: byteCount,
  data: base64Chunk(DOWNLOAD_CHUNK_MAX_BYTES),
  eof: z.boolean(),
});

/** The server picks `uploadId`, so chunks can follow without waiting for this reply. */
export const uploadFileStartCommand = defineCommand("upload-file-start", {
  uploadId: identifier,
  path: remotePath,
  totalBytes: byteCount,
  overwrite: z.boolean().default(false),
});

export const uploadFileChunkCommand = defineCommand("upload-file-chunk", {
  uploadId: identifier,
  offset: byteCount,
  data: base64Chunk(UPLOAD_CHUNK_BYTES),
});

export const uploadFileEndCommand = defineCommand("upload-file-end", {
  uploadId: identifier,
  sha256: sha256Hex.optional(),
});

const uploadProgress = z.object({ uploadId: identifier, receivedBytes: byteCount });

export const uploadFileEndResult = z.object({
  uploadId: identifier,
  path: remotePath,
  sizeBytes: byteCount,
  sha256: sha256Hex,
});

export const fileCommands = {
  "file-list": { command: fileListCommand, result: fileListResult },
  "download-file": { command: downloadFileCommand, result: downloadFileResult },
  "upload-file-start": { command: uploadFileStartCommand, result: uploadProgress },
  "upload-file-chunk": { command: uploadFileChunkCommand, result: uploadProgress },
  "upload-file-end": { command: uploadFileEndCommand, result: uploadFileEndResult },
} satisfies Record<string, CommandSpec>;

export type FileEntry = z.infer<typeof fileEntry>;
