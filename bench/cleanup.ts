/**
 * Process-wide cleanup registry. Every resource the bench starts (PostgreSQL, the gateway process,
 * client sockets, temp dirs) registers its teardown here as well as in its own `finally`, so a
 * signal or the overall watchdog can still tear everything down: a signal handler cannot unwind
 * the awaiting code's `finally` blocks.
 */
type Teardown = () => Promise<void> | void;

const teardowns = new Set<Teardown>();

/** Registers a teardown; the returned function runs it once and unregisters it. */
export function onCleanup(teardown: Teardown): () => Promise<void> {
  teardowns.add(teardown);
  return async () => {
    if (!teardowns.delete(teardown)) return;
    await teardown();
  };
}

let running: Promise<void> | undefined;

/** Runs what is still registered, newest first (a gateway stops before its database). Concurrent calls share one run. */
export function runCleanup(): Promise<void> {
  running ??= (async () => {
    for (const teardown of [...teardowns].reverse()) {
      teardowns.delete(teardown);
      try {
        await teardown();
      } catch (error) {
        console.error("[bench] cleanup step failed:", error);
      }
    }
  })().finally(() => (running = undefined));
  return running;
}
