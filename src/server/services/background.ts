/**
 * Work a request starts and does not wait for (refreshing caches from agents): bounded, so a
 * dashboard of hundreds of devices asks a few agents at a time, and tracked, so tests can await it
 * instead of sleeping. A failure is logged per item and never reaches the request that started it.
 */
const running = new Set<Promise<void>>();

export function runInBackground<T>(label: string, items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>): void {
  if (items.length === 0) return;
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await work(item).catch((error: unknown) => console.warn(`[${label}] ${String(item)}: ${error instanceof Error ? error.message : String(error)}`));
    }
  };
  const run = Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker)).then(() => undefined);
  running.add(run);
  void run.finally(() => running.delete(run));
}

/** Resolves once everything started so far has finished (tests). */
export async function backgroundSettled(): Promise<void> {
  while (running.size > 0) await Promise.all(running);
}
