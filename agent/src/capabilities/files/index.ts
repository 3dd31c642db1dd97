/**
 * File capability: directory listings, chunked downloads and resumable uploads, and the same
 * transfers streamed as binary frames (stream-download.ts, stream-upload.ts). What differs per OS
 * is only the path syntax and the roots; the rest is shared.
 */
import type { PlatformPath } from "node:path";
import type { FileEntry } from "../../../../src/protocol";
import type { HandlerTable } from "../../commands/dispatcher";
import { implementationFor, type Implementations } from "../platform-map";
import { readChunk } from "./download";
import { linuxFiles } from "./linux";
import { listDirectory } from "./listing";
import { startDownloadStream } from "./stream-download";
import { startUploadStream } from "./stream-upload";
import { Uploads } from "./uploads";
import { windowsFiles } from "./windows";

export interface FilesPlatform {
  paths: PlatformPath;
  /** What an empty path lists: `/`, or the drives. */
  roots(): Promise<FileEntry[]>;
}

export type FilesCapability = FilesPlatform & { uploads: Uploads };

export const filesImplementations: Implementations<FilesPlatform> = { linux: linuxFiles, win32: windowsFiles };

export function filesCapabilityFor(platform: NodeJS.Platform): FilesCapability {
  const files = implementationFor(filesImplementations, platform, "files");
  return { ...files, uploads: new Uploads(files.paths) };
}

export function fileHandlers(files: FilesCapability): HandlerTable {
  return {
    "file-list": async ({ path }) => listDirectory(files.paths, files.roots, path),
    "download-file": async ({ path, offset, length }) => readChunk(files.paths, path, offset, length),
    "upload-file-start": async ({ uploadId, path, totalBytes, overwrite }) => files.uploads.start({ uploadId, path, totalBytes, overwrite }),
    "upload-file-chunk": async ({ uploadId, offset, data }) => files.uploads.chunk(uploadId, offset, Buffer.from(data, "base64")),
    "upload-file-end": async ({ uploadId, sha256 }) => files.uploads.end(uploadId, sha256),
    "file-stream-download": async ({ transferId, path }, { streams }) => startDownloadStream(files.paths, streams, { transferId, path }),
    "file-stream-upload": async ({ transferId, uploadId, offset }, { streams }) => startUploadStream(files.uploads, streams, { transferId, uploadId, offset }),
  };
}
