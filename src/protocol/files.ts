/**
 * File transfer: `file-list`, `download-file` (read one chunk per command, with its SHA-256) and
 * the chunked, resumable upload `upload-file-start` / `upload-file-chunk` / `upload-file-end`.
 * Binary data travels base64-encoded. The upload is written to a temporary file beside the target
 * and renamed over it only once the whole file's SHA-256 matches; chunks must arrive in order (one
 * at any other offset is not written and the answer names the offset expected, so the server
 * resumes from there), and a `upload-file-start` repeating an uploadId whose temporary file exists
 * answers how much of it is already there.
 */
import { z } from "zod";
import { byteCount, isoTimestamp } from "./common";
import { defineCommand, type CommandSpec } from "./envelope";
import { sha256Hex } from "./lifecycle";

/** Upload chunks are 256 KiB, as the spec's REST handler splits them. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
/** Download chunks stay well under the 16 MiB message limit once base64-encoded. */
export const DOWNLOAD_CHUNK_MAX_BYTES = 4 * 1024 * 1024;
/** The largest file the protocol moves either way; the server's own limit is usually lower. */
export const FILE_TRANSFER_MAX_BYTES = 64 * 1024 ** 3;
/** A listing stops here rather than answering a message over the size limit. */
export const FILE_LIST_MAX_ENTRIES = 20_000;

const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;
const base64Chunk = (maxBytes: number) => z.base64().max(base64Length(maxBytes));

/** Absolute path in the agent OS's own syntax (the agent refuses relative or non-normalised ones). */
export const remotePath = z.string().min(1).max(4096);
/** A directory to list; empty for the roots (`/` on Linux, the drive letters on Windows). */
export const listPath = z.string().max(4096);
/** Part of the temporary file's name on the agent, hence the narrow alphabet. */
export const uploadId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8 to 64 letters, digits, '-' or '_'");
/** A file's size or an offset into one. */
export const fileSize = byteCount.max(FILE_TRANSFER_MAX_BYTES);

export const fileEntry = z.object({
  name: z.string().min(1).max(1024),
  /** Absolute path of the entry, ready to list or download. */
  path: remotePath,
  kind: z.enum(["file", "directory", "symlink", "other"]),
  sizeBytes: byteCount.optional(),
  modifiedAt: isoTimestamp.optional(),
});

/** Named `file-list` by the spec's `GET /files/{agentId}/list`. */
export const fileListCommand = defineCommand("file-list", { path: listPath });

export const fileListResult = z.object({
  path: listPath,
  /** The directory above, null at a root (and for the list of roots). */
  parentPath: remotePath.nullable(),
  entries: z.array(fileEntry).max(FILE_LIST_MAX_ENTRIES),
  /** True when the directory held more than FILE_LIST_MAX_ENTRIES entries. */
  truncated: z.boolean(),
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
  modifiedAt: isoTimestamp,
  data: base64Chunk(DOWNLOAD_CHUNK_MAX_BYTES),
  /** Of this chunk's bytes, so the server can tell a corrupted chunk from a good one. */
  sha256: sha256Hex,
  eof: z.boolean(),
});

/** The server picks `uploadId`, so a retry or a resume names the same upload. */
export const uploadFileStartCommand = defineCommand("upload-file-start", {
  uploadId,
  path: remotePath,
  /** Unknown for a streamed multipart upload; `upload-file-end`'s hash is checked either way. */
  totalBytes: fileSize.optional(),
  overwrite: z.boolean().default(false),
});

export const uploadFileChunkCommand = defineCommand("upload-file-chunk", {
  uploadId,
  offset: fileSize,
  data: base64Chunk(UPLOAD_CHUNK_BYTES),
});

export const uploadFileEndCommand = defineCommand("upload-file-end", {
  uploadId,
  sha256: sha256Hex,
});

/** `receivedBytes` is the offset the next chunk must start at. */
const uploadProgress = z.object({ uploadId, receivedBytes: fileSize });
/** `accepted: false`: the chunk was not at `receivedBytes` and nothing was written. */
const uploadChunkResult = uploadProgress.extend({ accepted: z.boolean() });

export const uploadFileEndResult = z.object({
  uploadId,
  path: remotePath,
  sizeBytes: fileSize,
  sha256: sha256Hex,
});

export const fileCommands = {
  "file-list": { command: fileListCommand, result: fileListResult },
  "download-file": { command: downloadFileCommand, result: downloadFileResult },
  "upload-file-start": { command: uploadFileStartCommand, result: uploadProgress },
  "upload-file-chunk": { command: uploadFileChunkCommand, result: uploadChunkResult },
  "upload-file-end": { command: uploadFileEndCommand, result: uploadFileEndResult },
} satisfies Record<string, CommandSpec>;

export type FileEntry = z.infer<typeof fileEntry>;
export type FileListResult = z.infer<typeof fileListResult>;
export type DownloadFileResult = z.infer<typeof downloadFileResult>;
