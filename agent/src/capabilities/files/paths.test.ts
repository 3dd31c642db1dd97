import { posix, win32 } from "node:path";
import { describe, expect, it } from "vitest";
import { checkedPath, parentOf } from "./paths";

describe("file paths", () => {
  it("accepts absolute paths and answers them normalised", () => {
    expect(checkedPath(posix, "/var//log/")).toBe("/var/log/");
    expect(checkedPath(posix, "/var/./log")).toBe("/var/log");
    expect(checkedPath(win32, "C:/Users/Public")).toBe("C:\\Users\\Public");
    expect(checkedPath(win32, "\\\\server\\share\\a.txt")).toBe("\\\\server\\share\\a.txt");
  });

  it("refuses relative paths, '..' in either syntax, and NUL", () => {
    for (const bad of ["etc/passwd", "./a", "/tmp/../etc/shadow", "/tmp/..", "/a\0b"]) {
      expect(() => checkedPath(posix, bad), bad).toThrow(expect.objectContaining({ code: "invalid" }));
    }
    for (const bad of ["Users\\x", "C:foo", "C:\\Windows\\..\\secret", "C:/a/../b", "\\..\\x"]) {
      expect(() => checkedPath(win32, bad), bad).toThrow(expect.objectContaining({ code: "invalid" }));
    }
  });

  it("names the parent, and none at a root", () => {
    expect(parentOf(posix, "/var/log")).toBe("/var");
    expect(parentOf(posix, "/")).toBeNull();
    expect(parentOf(win32, "C:\\Users")).toBe("C:\\");
    expect(parentOf(win32, "C:\\")).toBeNull();
  });
});
