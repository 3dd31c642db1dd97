import { describe, expect, it } from "vitest";
import { PipeLineEditor } from "./pipe-line-editor";

describe("PipeLineEditor", () => {
  it("echoes what is typed and sends the line, edited, on Enter", () => {
    const editor = new PipeLineEditor();
    expect(editor.feed("Get-Dat")).toEqual({ echo: "Get-Dat", send: "" });
    expect(editor.feed("x\x7f")).toEqual({ echo: "x\b \b", send: "" });
    expect(editor.feed("e\r")).toEqual({ echo: "e\r\n", send: "Get-Date\n" });
  });

  it("sends each line of pasted text, and drops the line on Ctrl+C", () => {
    const editor = new PipeLineEditor();
    expect(editor.feed("echo a\r\necho b\r").send).toBe("echo a\necho b\n");
    editor.feed("rm -rf");
    expect(editor.feed("\x03")).toEqual({ echo: "^C\r\n", send: "" });
    expect(editor.feed("\r").send).toBe("\n");
  });
});
