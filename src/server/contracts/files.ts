/** Request and answer schemas of file transfer (specification 000 "Files", specification 002's `/files`). */
import { z } from "zod";
import { downloadFileResult, fileEntry, fileSize, fileStreamDownloadResult, fileStreamUploadResult, listPath, remotePath, sha256Hex, transferId, UPLOAD_CHUNK_BYTES, uploadId } from "../../protocol";
import { agentIdInput } from "./agents";

export const fileListInput = z.strictObject({ agentId: agentIdInput, path: listPath.default("") });

/** The reference server's entry fields (`isDirectory`, `size`, `lastModifiedUtc`) beside ours. */
export const fileListEntry = fileEntry.extend({
  isDirectory: z.boolean(),
  size: z.number().nullable(),
  lastModifiedUtc: z.string().nullable(),
});
export const fileListOutput = z.object({
  path: listPath,
  parentPath: remotePath.nullable(),
  entries: z.array(fileListEntry),
  truncated: z.boolean(),
  retrievedAt: z.string(),
});
export type FileListOutput = z.infer<typeof fileListOutput>;

export const downloadChunkInput = z.strictObject({ agentId: agentIdInput, path: remotePath, offset: z.number().int().nonnegative().default(0) });
export const downloadChunkOutput = downloadFileResult;

export const downloadStreamInput = z.strictObject({ agentId: agentIdInput, path: remotePath });
export const downloadStreamOutput = fileStreamDownloadResult;

export const uploadStreamInput = z.strictObject({ agentId: agentIdInput, uploadId, transferId, offset: fileSize });
export const uploadStreamOutput = fileStreamUploadResult;

export const uploadStartInput = z.strictObject({
  agentId: agentIdInput,
  path: remotePath,
  totalBytes: z.number().int().nonnegative().optional(),
  overwrite: z.boolean().default(false),
  /** To resume an interrupted upload; a new one is chosen otherwise. */
  uploadId: uploadId.optional(),
});
export const uploadStartOutput = z.object({ uploadId, receivedBytes: z.number() });

export const uploadChunkInput = z.strictObject({
  agentId: agentIdInput,
  uploadId,
  offset: z.number().int().nonnegative(),
  data: z.base64().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4, "must be at most 256 KiB"),
});
export const uploadChunkOutput = z.object({ uploadId, receivedBytes: z.number(), accepted: z.boolean() });

export const uploadFinishInput = z.strictObject({ agentId: agentIdInput, uploadId, sha256: sha256Hex });
export const uploadFinishOutput = z.object({ uploadId, path: remotePath, sizeBytes: z.number(), sha256: sha256Hex });
export type UploadFinishOutput = z.infer<typeof uploadFinishOutput>;

/** `POST /files/{agentId}/upload`: the whole file as base64 (`overwrite` and `uploadId` are ours). */
export const jsonUploadBody = z.strictObject({
  path: remotePath,
  data: z.base64({ error: "must be base64" }),
  overwrite: z.boolean().default(false),
  uploadId: uploadId.optional(),
});
export const uploadAnswer = z.object({ success: z.boolean(), message: z.string(), uploadId: z.string().optional(), path: z.string().optional(), sizeBytes: z.number().optional(), sha256: z.string().optional() });
