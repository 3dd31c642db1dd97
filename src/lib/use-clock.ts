/**
 * Shared clocks for relative times: one interval per tick rate for the whole page, however many
 * timestamps. They return 0 on the server and during hydration, so a component can render the
 * server's text first and switch to the viewer's clock and time zone right after, without a mismatch.
 */
import { useSyncExternalStore } from "react";

function createClock(tickMs: number) {
  const listeners = new Set<() => void>();
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;

  function tick() {
    now = Date.now();
    for (const listener of listeners) listener();
  }

  function subscribe(listener: () => void) {
    listeners.add(listener);
    if (!timer) {
      // The module may have loaded long before the first subscriber: start from the real time.
      now = Date.now();
      timer = setInterval(tick, tickMs);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }

  return { subscribe, read: () => now };
}

const minuteClock = createClock(30_000);
const secondClock = createClock(1_000);
const onServer = () => 0;

/** Good enough for "3 min ago". */
export function useClock(): number {
  return useSyncExternalStore(minuteClock.subscribe, minuteClock.read, onServer);
}

/** For ages shown in seconds ("collected 12 s ago"); use sparingly, it re-renders every second. */
export function useSecondClock(): number {
  return useSyncExternalStore(secondClock.subscribe, secondClock.read, onServer);
}
