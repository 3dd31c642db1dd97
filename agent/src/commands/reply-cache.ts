/**
 * Remembers the reply to each recent commandId so a re-delivered command
 * (the gateway retries after a reconnect) is answered with the same bytes
 * instead of running twice. Least recently used entries go first, bounded
 * by count and by total reply size.
 */

interface Entry {
  reply: Promise<string>;
  bytes: number;
}

export interface ReplyCacheLimits {
  maxEntries?: number;
  maxBytes?: number;
}

export class ReplyCache {
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor({ maxEntries = 1_000, maxBytes = 16 * 1024 * 1024 }: ReplyCacheLimits = {}) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /** The stored reply for `commandId`, or the one `produce` makes (run only for a new id). */
  getOrProduce(commandId: string, produce: () => Promise<string>): { reply: Promise<string>; duplicate: boolean } {
    const existing = this.entries.get(commandId);
    if (existing) {
      this.entries.delete(commandId);
      this.entries.set(commandId, existing);
      return { reply: existing.reply, duplicate: true };
    }
    const entry: Entry = { reply: produce(), bytes: 0 };
    this.entries.set(commandId, entry);
    entry.reply.then(
      (reply) => this.account(commandId, entry, reply.length),
      () => this.forget(commandId, entry), // nothing worth repeating: a re-delivery runs again
    );
    this.evict();
    return { reply: entry.reply, duplicate: false };
  }

  get size(): number {
    return this.entries.size;
  }

  private account(commandId: string, entry: Entry, bytes: number): void {
    if (this.entries.get(commandId) !== entry) return; // already evicted
    entry.bytes = bytes;
    this.totalBytes += bytes;
    this.evict();
  }

  private forget(commandId: string, entry: Entry): void {
    if (this.entries.get(commandId) === entry) this.entries.delete(commandId);
  }

  private evict(): void {
    for (const [commandId, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.totalBytes <= this.maxBytes) return;
      this.entries.delete(commandId);
      this.totalBytes -= entry.bytes;
    }
  }
}
