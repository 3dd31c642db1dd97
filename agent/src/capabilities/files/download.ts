/**
 * `download-file`: one chunk of a regular file at an offset, with the file's size and date (so the
 * server notices a file that changes under a download) and the chunk's SHA-256.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import type { PlatformPath } from "node:path";
import type { DownloadFileResult } from "../../../../src/protocol";
import { CommandError } from "../../command-error";
import { onPath } from "./fs-errors";
import { checkedPath } from "./paths";

export async function readChunk(paths: PlatformPath, requested: string, offset: number, length: number): Promise<DownloadFileResult> {
  const path = checkedPath(paths, requested);
  return onPath(requested, async () => {
    const handle = await open(path, "r");
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new CommandError("invalid", `'${requested}' is not a regular file`);
      if (offset > info.size) throw new CommandError("invalid", `offset ${offset} is past the end of '${requested}' (${info.size} bytes)`);
      const buffer = Buffer.alloc(Math.min(length, info.size - offset));
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, offset + filled);
        if (bytesRead === 0) break; // truncated while we read: answer what there is
        filled += bytesRead;
      }
      const data = buffer.subarray(0, filled);
      return {
        path,
        offset,
        totalBytes: info.size,
        modifiedAt: info.mtime.toISOString(),
        data: data.toString("base64"),
        sha256: createHash("sha256").update(data).digest("hex"),
        eof: offset + filled >= info.size,
      };
    } finally {
      await handle.close();
    }
  });
}
