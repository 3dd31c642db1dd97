import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createBatcher } from "./batch-timer";

describe("createBatcher", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("hands over a burst once, after it has gone quiet, without duplicates", () => {
    const flush = vi.fn();
    const batcher = createBatcher<string>(flush, { delayMs: 300, maxWaitMs: 2000 });
    batcher.add("a");
    vi.advanceTimersByTime(200);
    batcher.add("b");
    batcher.add("a");
    vi.advanceTimersByTime(299);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);
    expect([...flush.mock.calls[0]![0]]).toEqual(["a", "b"]);
  });

  it("does not let a steady stream hold the batch back longer than maxWaitMs", () => {
    const flush = vi.fn();
    const batcher = createBatcher<number>(flush, { delayMs: 300, maxWaitMs: 1000 });
    for (let i = 0; i < 10; i += 1) {
      batcher.add(i);
      vi.advanceTimersByTime(200);
    }
    // The first flush came 1000 ms after the first item, with the five items seen by then.
    expect(flush).toHaveBeenCalled();
    expect([...flush.mock.calls[0]![0]]).toEqual([0, 1, 2, 3, 4]);
  });

  it("drops pending items on cancel", () => {
    const flush = vi.fn();
    const batcher = createBatcher<string>(flush, { delayMs: 300, maxWaitMs: 1000 });
    batcher.add("a");
    batcher.cancel();
    vi.advanceTimersByTime(5000);
    expect(flush).not.toHaveBeenCalled();
  });
});
