/**
 * Gathers a shell's output into fewer, larger `shell-output` messages: a keystroke echo and the
 * prompt that follows it arrive as several tiny reads, and one message per read would cost a
 * stored row and a notification each on the server. Text is held for `delayMs` after the first
 * chunk (or until `maxChars` are waiting) and then sent; no message is larger than `maxChars`.
 */
export type Timers = { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };

export const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (handle) => clearTimeout(handle as NodeJS.Timeout) };

export const COALESCE_MS = 30;
export const MAX_MESSAGE_CHARS = 32 * 1024;

export class OutputCoalescer {
  private pending = "";
  private timer: unknown;

  constructor(
    private readonly send: (text: string) => void,
    private readonly options: { delayMs?: number; maxChars?: number; timers?: Timers } = {},
  ) {}

  add(text: string): void {
    if (text.length === 0) return;
    this.pending += text;
    const maxChars = this.options.maxChars ?? MAX_MESSAGE_CHARS;
    if (this.pending.length >= maxChars) this.flush();
    else this.timer ??= (this.options.timers ?? realTimers).set(() => this.flush(), this.options.delayMs ?? COALESCE_MS);
  }

  /** Sends whatever is waiting, in pieces of at most `maxChars`. */
  flush(): void {
    if (this.timer !== undefined) (this.options.timers ?? realTimers).clear(this.timer);
    this.timer = undefined;
    const maxChars = this.options.maxChars ?? MAX_MESSAGE_CHARS;
    while (this.pending.length > 0) {
      this.send(this.pending.slice(0, maxChars));
      this.pending = this.pending.slice(maxChars);
    }
  }
}
