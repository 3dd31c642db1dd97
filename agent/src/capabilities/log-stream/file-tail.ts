/**
 * A safe `tail -f` of one text file: the path must be absolute with no `..` segment (refused before
 * anything touches the disk) and name a regular file, never a device or a pipe. The file is polled
 * and only the bytes appended since the last read are read (at most READ_LIMIT a poll, so a burst
 * is spread out rather than read whole); a file that shrinks or is replaced (log rotation) is read
 * again from its start. Works the same on Linux and Windows.
 */
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { MAX_LOG_LINE_LENGTH, type LogLine } from "../../../../src/protocol";
import { CommandError } from "../../command-error";
import type { LogFollower } from "./index";

const READ_LIMIT = 1024 * 1024;
/** How much of the end of the file is read for the first lines shown (the last INITIAL_LINES of it). */
const INITIAL_BYTES = 8 * 1024;
const INITIAL_LINES = 10;

export type TailOptions = { platform?: "linux" | "win32"; pollMs?: number; now?: () => Date };

/** Why a path may not be followed, or undefined when it may. */
export function refusedPath(file: string, platform: "linux" | "win32"): string | undefined {
  const paths = platform === "win32" ? path.win32 : path.posix;
  if (file.includes("\0")) return "the path contains a NUL character";
  if (!paths.isAbsolute(file) || (platform === "win32" && !/^[A-Za-z]:[\\/]/.test(file))) return "the path must be absolute";
  if (file.split(platform === "win32" ? /[\\/]/ : "/").includes("..")) return "the path must not contain '..'";
  return undefined;
}

/** Splits decoded text into complete lines (without `\r\n` / `\n`), keeping an unfinished last line for later. */
export function splitLines(text: string): { lines: string[]; rest: string } {
  const end = text.lastIndexOf("\n");
  if (end < 0) return { lines: [], rest: text };
  return { lines: text.slice(0, end).split("\n").map((line) => line.replace(/\r$/, "").slice(0, MAX_LOG_LINE_LENGTH)), rest: text.slice(end + 1) };
}

export function tailFile(options: TailOptions = {}): LogFollower {
  const platform = options.platform ?? "linux";
  const pollMs = options.pollMs ?? 250;
  const now = options.now ?? (() => new Date());
  return async ({ path: file }, sink, signal) => {
    if (!file) throw new CommandError("invalid", "source=file needs a path");
    const refused = refusedPath(file, platform);
    if (refused) throw new CommandError("invalid", refused);
    const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") throw new CommandError("not-found", `no file at ${file}`);
      if (error.code === "EACCES" || error.code === "EPERM") throw new CommandError("denied", `not allowed to read ${file}`);
      throw error;
    });
    if (!info.isFile()) throw new CommandError("invalid", `${file} is not a regular file`);

    const emit = (lines: string[]) => {
      const at = now().toISOString();
      if (lines.length > 0) sink(lines.map((text) => ({ text, at }) satisfies LogLine));
    };
    let identity = `${info.dev}:${info.ino}`;
    let offset = Math.max(0, info.size - INITIAL_BYTES);
    let decoder = new StringDecoder("utf8");
    let rest = "";
    // The first lines shown: the last few complete lines before the end (the first, maybe partial, one dropped).
    const initial = splitLines(decoder.write(await readRange(file, offset, info.size)));
    offset = info.size;
    rest = initial.rest;
    emit((offset > INITIAL_BYTES ? initial.lines.slice(1) : initial.lines).slice(-INITIAL_LINES));

    const poll = async () => {
      const current = await stat(file);
      const currentIdentity = `${current.dev}:${current.ino}`;
      if (currentIdentity !== identity || current.size < offset) {
        // Rotated or truncated: the new content starts at byte 0.
        identity = currentIdentity;
        offset = 0;
        decoder = new StringDecoder("utf8");
        rest = "";
      }
      if (current.size <= offset) return;
      const end = Math.min(current.size, offset + READ_LIMIT);
      const split = splitLines(rest + decoder.write(await readRange(file, offset, end)));
      offset = end;
      rest = split.rest.length > MAX_LOG_LINE_LENGTH ? split.rest.slice(0, MAX_LOG_LINE_LENGTH) : split.rest;
      emit(split.lines);
    };

    const finished = new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const next = () => {
        if (signal.aborted) return;
        timer = setTimeout(() => {
          poll().then(next, (error: NodeJS.ErrnoException) => {
            // A rotated file may be missing for a moment; anything else ends the stream.
            if (error.code === "ENOENT") next();
            else reject(error);
          });
        }, pollMs);
      };
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
      next();
    });
    return { finished };
  };
}

async function readRange(file: string, start: number, end: number): Promise<Buffer> {
  if (end <= start) return Buffer.alloc(0);
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(end - start);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
