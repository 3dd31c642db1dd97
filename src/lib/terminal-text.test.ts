import { describe, expect, it } from "vitest";
import { terminalText } from "./terminal-text";

describe("terminalText", () => {
  it("shows what a reader saw: no escape sequences, newlines without carriage returns, backspaces applied", () => {
    expect(terminalText("\x1b[?2004h\x1b]0;root@vm: ~\x07root@vm:~# ls\r\n\x1b[01;34mdir\x1b[0m\r\n")).toBe("root@vm:~# ls\ndir\n");
    expect(terminalText("ecg\b \bho")).toBe("echo");
  });
});
