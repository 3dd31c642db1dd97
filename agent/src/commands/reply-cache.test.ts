import { describe, expect, it, vi } from "vitest";
import { ReplyCache } from "./reply-cache";

describe("ReplyCache", () => {
  it("produces a reply once per commandId and hands back the same one after", async () => {
    const cache = new ReplyCache();
    const produce = vi.fn(async () => "reply-1");
    const first = cache.getOrProduce("a", produce);
    const second = cache.getOrProduce("a", produce);
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(await second.reply).toBe("reply-1");
    expect(produce).toHaveBeenCalledTimes(1);
  });

  it("shares a reply that is still being produced", async () => {
    const cache = new ReplyCache();
    let finish!: (reply: string) => void;
    const produce = vi.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const first = cache.getOrProduce("a", produce);
    const second = cache.getOrProduce("a", produce);
    finish("done");
    expect(await Promise.all([first.reply, second.reply])).toEqual(["done", "done"]);
    expect(produce).toHaveBeenCalledTimes(1);
  });

  it("forgets the least recently used id beyond its entry limit", async () => {
    const cache = new ReplyCache({ maxEntries: 2 });
    cache.getOrProduce("a", async () => "a");
    cache.getOrProduce("b", async () => "b");
    cache.getOrProduce("a", async () => "again"); // touch a: b is now the oldest
    cache.getOrProduce("c", async () => "c");
    expect(cache.getOrProduce("a", async () => "new").duplicate).toBe(true);
    expect(await cache.getOrProduce("b", async () => "b2").reply).toBe("b2");
  });

  it("forgets old replies when their total size exceeds the byte limit", async () => {
    const cache = new ReplyCache({ maxBytes: 10 });
    await cache.getOrProduce("a", async () => "123456").reply;
    await cache.getOrProduce("b", async () => "123456").reply;
    await Promise.resolve();
    expect(cache.size).toBe(1);
    expect(cache.getOrProduce("b", async () => "x").duplicate).toBe(true);
  });

  it("runs a command again if producing its reply failed", async () => {
    const cache = new ReplyCache();
    await expect(cache.getOrProduce("a", async () => Promise.reject(new Error("boom"))).reply).rejects.toThrow("boom");
    await Promise.resolve();
    expect(cache.getOrProduce("a", async () => "ok").duplicate).toBe(false);
  });
});
