/**
 * A terminal transcript as plain text for reading on a page: escape sequences (colours, cursor
 * moves, bracketed-paste switches) removed, carriage returns before newlines dropped, and a
 * backspace taking the character before it, as the terminal showed it.
 */
// CSI sequences, OSC sequences (titles) ended by BEL or ST, and two-character escapes: control
// characters are what this expression is about.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function terminalText(raw: string): string {
  const text = raw.replace(ESCAPES, "").replace(/\r+\n/g, "\n");
  let out = "";
  for (const char of text) {
    if (char === "\b") out = out.slice(0, -1);
    else if (char === "\x07" || char === "\r") continue;
    else out += char;
  }
  return out;
}

export type TypedLine = { at: string; user: string | null; text: string };

/**
 * Keystrokes arrive a few at a time; a reader wants lines. Consecutive inputs of one user are
 * joined and cut after each Enter (`\r` or `\n`); a line is dated by its first keystroke.
 */
export function typedLines(inputs: Array<{ at: string; user?: string | null; text: string }>): TypedLine[] {
  const lines: TypedLine[] = [];
  let open: TypedLine | null = null;
  for (const input of inputs) {
    const user = input.user ?? null;
    if (open && open.user !== user) {
      lines.push(open);
      open = null;
    }
    for (const part of input.text.split(/(?<=\r\n|\r(?!\n)|\n)/)) {
      open ??= { at: input.at, user, text: "" };
      open.text += part;
      if (/[\r\n]$/.test(part)) {
        lines.push(open);
        open = null;
      }
    }
  }
  if (open) lines.push(open);
  return lines;
}
