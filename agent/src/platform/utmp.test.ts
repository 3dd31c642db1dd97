import { describe, expect, it } from "vitest";
import { parseUtmp, pickLoggedInUser } from "./utmp";

/** Builds utmp records in glibc's x86-64 layout (384 bytes each). */
function utmp(records: { type: number; line: string; user: string }[]): Buffer {
  const buffer = Buffer.alloc(records.length * 384);
  records.forEach(({ type, line, user }, index) => {
    const offset = index * 384;
    buffer.writeInt32LE(type, offset);
    buffer.write(line, offset + 8, 32, "utf8");
    buffer.write(user, offset + 44, 32, "utf8");
  });
  return buffer;
}

describe("utmp", () => {
  const records = utmp([
    { type: 2, line: "~", user: "reboot" }, // BOOT_TIME
    { type: 7, line: "pts/0", user: "admin" },
    { type: 8, line: "tty2", user: "gone" }, // DEAD_PROCESS
    { type: 7, line: "tty1", user: "alice" },
  ]);

  it("lists only live user sessions", () => {
    expect(parseUtmp(records)).toEqual([
      { user: "admin", line: "pts/0" },
      { user: "alice", line: "tty1" },
    ]);
  });

  it("prefers the console user, then any user, then nobody", () => {
    expect(pickLoggedInUser(parseUtmp(records))).toBe("alice");
    expect(pickLoggedInUser([{ user: "admin", line: "pts/0" }])).toBe("admin");
    expect(pickLoggedInUser([])).toBeNull();
  });

  it("ignores a truncated trailing record", () => {
    expect(parseUtmp(records.subarray(0, 384 * 2 + 100))).toHaveLength(1);
  });
});
