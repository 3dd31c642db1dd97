/**
 * Resizes the pseudo-terminal `script` made for a shell, from outside: the shell is script's child,
 * its stdin is the pty (`/dev/pts/N`), and `stty -F <pty> cols C rows R` sets the size there, which
 * makes the kernel send SIGWINCH to whatever runs in it (an editor redraws). Both numbers are
 * validated integers and the path must look like a pty, so nothing else reaches the command line.
 */
import { execFile } from "node:child_process";
import { readFile, readlink } from "node:fs/promises";
import { promisify } from "node:util";
import type { ShellSize } from "./plan";

export type ResizeDeps = {
  readFile: (file: string) => Promise<string>;
  readlink: (file: string) => Promise<string>;
  run: (file: string, args: string[]) => Promise<unknown>;
};

const execFileAsync = promisify(execFile);

export const realResizeDeps: ResizeDeps = {
  readFile: (file) => readFile(file, "utf8"),
  readlink: (file) => readlink(file),
  run: (file, args) => execFileAsync(file, args, { timeout: 5_000 }),
};

const PTY = /^\/dev\/pts\/\d+$/;

/** False when no child of `scriptPid` holds a pty (it just ended, or /proc lacks `children`). */
export async function resizeScriptPty(scriptPid: number, { cols, rows }: ShellSize, deps: ResizeDeps = realResizeDeps): Promise<boolean> {
  const children = await deps.readFile(`/proc/${scriptPid}/task/${scriptPid}/children`).catch(() => "");
  for (const child of children.trim().split(/\s+/).filter((pid) => /^\d+$/.test(pid))) {
    const tty = await deps.readlink(`/proc/${child}/fd/0`).catch(() => "");
    if (!PTY.test(tty)) continue;
    await deps.run("stty", ["-F", tty, "cols", String(cols), "rows", String(rows)]);
    return true;
  }
  return false;
}
