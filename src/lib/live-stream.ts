/**
 * One EventSource that keeps itself alive. After a network error EventSource reconnects by itself
 * (sending the last id it saw); when the server refuses the stream (an expired session, a restart
 * that answered 503) it gives up for good, so a new one is started after RETRY_REFUSED_MS. Shared
 * by every live view, so each one handles only its own events.
 */
export type LiveState = "connecting" | "live" | "reconnecting";

const RETRY_REFUSED_MS = 15_000;

export type LiveStreamHandlers = {
  /** Listeners by SSE event name; each gets the raw event (its `data` and `lastEventId`). */
  events: Record<string, (event: MessageEvent<string>) => void>;
  onState?: (state: LiveState) => void;
  /** Called when the stream is open again after an interruption: events may have been missed. */
  onResumed?: () => void;
};

/** Opens the stream; the function returned closes it and cancels any pending restart. */
export function openLiveStream(url: string, handlers: LiveStreamHandlers): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let interrupted = false;

  function connect() {
    source = new EventSource(url);
    source.onopen = () => {
      handlers.onState?.("live");
      if (!interrupted) return;
      interrupted = false;
      handlers.onResumed?.();
    };
    for (const [name, listener] of Object.entries(handlers.events)) {
      source.addEventListener(name, (event) => listener(event as MessageEvent<string>));
    }
    source.onerror = () => {
      interrupted = true;
      handlers.onState?.("reconnecting");
      if (source?.readyState !== EventSource.CLOSED) return;
      source.close();
      retry = setTimeout(connect, RETRY_REFUSED_MS);
    };
  }

  connect();
  return () => {
    source?.close();
    clearTimeout(retry);
  };
}
