import { describe, expect, it } from "vitest";
import { terminalText, typedLines } from "./terminal-text";

describe("terminalText", () => {
  it("shows what a reader saw: no escape sequences, newlines without carriage returns, backspaces applied", () => {
    expect(terminalText("\x1b[?2004h\x1b]0;root@vm: ~\x07root@vm:~# ls\r\n\x1b[01;34mdir\x1b[0m\r\n")).toBe("root@vm:~# ls\ndir\n");
    expect(terminalText("ecg\b \bho")).toBe("echo");
  });
});

describe("typedLines", () => {
  it("joins keystrokes into lines per user, dated by the first key", () => {
    const lines = typedLines([
      { at: "t1", user: "ann", text: "u" },
      { at: "t2", user: "ann", text: "name -a" },
      { at: "t3", user: "ann", text: "\rl" },
      { at: "t4", user: "bob", text: "echo a\necho b\n" },
      { at: "t5", user: "ann", text: "s" },
    ]);
    expect(lines).toEqual([
      { at: "t1", user: "ann", text: "uname -a\r" },
      { at: "t3", user: "ann", text: "l" },
      { at: "t4", user: "bob", text: "echo a\n" },
      { at: "t4", user: "bob", text: "echo b\n" },
      { at: "t5", user: "ann", text: "s" },
    ]);
  });
});
