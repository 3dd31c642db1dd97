/**
 * Live agent changes for client components: one EventSource on `/api/events`, whose `agent`
 * events (an agent came online, went offline or re-reported its inventory) are collected for
 * ~300 ms so a burst of them costs one re-fetch. EventSource reconnects by itself after a network
 * error; when the server refuses the stream (e.g. an expired session) it gives up, so we start a
 * new one later. After any interruption events may have been missed: the callback then gets
 * `null`, meaning "assume everything changed".
 */
import { useEffect, useRef, useState } from "react";
import { createBatcher } from "./batch-timer";

export type LiveState = "connecting" | "live" | "reconnecting";

const BATCH = { delayMs: 300, maxWaitMs: 2_000 };
const RETRY_REFUSED_MS = 15_000;

export function useAgentEvents(onChange: (agentIds: Set<string> | null) => void): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let interrupted = false;
    const batcher = createBatcher<string>((ids) => callback.current(ids), BATCH);

    function connect() {
      source = new EventSource("/api/events");
      source.onopen = () => {
        setState("live");
        if (!interrupted) return;
        interrupted = false;
        batcher.cancel();
        callback.current(null);
      };
      source.addEventListener("agent", (event) => {
        try {
          const { agentId } = JSON.parse((event as MessageEvent<string>).data) as { agentId?: unknown };
          if (typeof agentId === "string") batcher.add(agentId);
        } catch {
          // Not ours to fix: a malformed event only costs this one update.
        }
      });
      source.onerror = () => {
        interrupted = true;
        setState("reconnecting");
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        retry = setTimeout(connect, RETRY_REFUSED_MS);
      };
    }

    connect();
    return () => {
      source?.close();
      clearTimeout(retry);
      batcher.cancel();
    };
  }, []);

  return state;
}
