/**
 * Line editing in the browser for shells that run on plain pipes (Windows PowerShell, or Linux
 * without `script`): nothing echoes what is typed there and nothing edits a line, so the terminal
 * does both, and sends a whole line with `\n` on Enter. Under a pseudo-terminal none of this is
 * used: keys go out as typed and the remote tty echoes and edits.
 */
export type LineEditorOutput = { echo: string; send: string };

export class PipeLineEditor {
  private line = "";

  /** What to show locally and what to send for the keys (or pasted text) `data`. */
  feed(data: string): LineEditorOutput {
    let echo = "";
    let send = "";
    for (const char of data.replace(/\r\n/g, "\r")) {
      if (char === "\r" || char === "\n") {
        send += `${this.line}\n`;
        echo += "\r\n";
        this.line = "";
      } else if (char === "\x7f" || char === "\b") {
        if (this.line.length === 0) continue;
        // Whole characters, so an emoji is removed at once.
        const chars = [...this.line];
        chars.pop();
        this.line = chars.join("");
        echo += "\b \b";
      } else if (char === "\x03") {
        // No signal can reach a piped shell: Ctrl+C abandons the line being typed.
        this.line = "";
        echo += "^C\r\n";
      } else if (char >= " " || char === "\t") {
        this.line += char;
        echo += char;
      }
    }
    return { echo, send };
  }
}
