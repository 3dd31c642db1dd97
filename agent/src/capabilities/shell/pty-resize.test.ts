import { describe, expect, it } from "vitest";
import { resizeScriptPty, type ResizeDeps } from "./pty-resize";

function deps(files: Record<string, string>, links: Record<string, string>) {
  const runs: string[][] = [];
  const fake: ResizeDeps = {
    readFile: async (file) => files[file] ?? Promise.reject(new Error("ENOENT")),
    readlink: async (file) => links[file] ?? Promise.reject(new Error("ENOENT")),
    run: async (file, args) => void runs.push([file, ...args]),
  };
  return { fake, runs };
}

describe("resizeScriptPty", () => {
  it("sets the size on the pty the shell under script reads from", async () => {
    const { fake, runs } = deps({ "/proc/10/task/10/children": "11 \n" }, { "/proc/11/fd/0": "/dev/pts/7" });
    expect(await resizeScriptPty(10, { cols: 132, rows: 40 }, fake)).toBe(true);
    expect(runs).toEqual([["stty", "-F", "/dev/pts/7", "cols", "132", "rows", "40"]]);
  });

  it("touches nothing that is not a pty, and says so", async () => {
    const { fake, runs } = deps({ "/proc/10/task/10/children": "11" }, { "/proc/11/fd/0": "/etc/passwd" });
    expect(await resizeScriptPty(10, { cols: 80, rows: 24 }, fake)).toBe(false);
    expect(await resizeScriptPty(99, { cols: 80, rows: 24 }, fake)).toBe(false);
    expect(runs).toEqual([]);
  });
});
