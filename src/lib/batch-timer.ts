/**
 * Collects items that arrive in bursts and hands them over together: `delayMs` after the last
 * item, or at the latest `maxWaitMs` after the first, so a steady stream still gets through.
 */
export type Batcher<T> = { add: (item: T) => void; cancel: () => void };

export function createBatcher<T>(flush: (items: Set<T>) => void, { delayMs, maxWaitMs }: { delayMs: number; maxWaitMs: number }): Batcher<T> {
  let items = new Set<T>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt = 0;

  function fire() {
    const batch = items;
    items = new Set();
    timer = undefined;
    flush(batch);
  }

  return {
    add(item) {
      const now = Date.now();
      if (items.size === 0) firstAt = now;
      items.add(item);
      clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, Math.min(delayMs, firstAt + maxWaitMs - now)));
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      items = new Set();
    },
  };
}
