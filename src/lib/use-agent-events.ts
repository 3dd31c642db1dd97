/**
 * Live agent changes for client components: the `agent` events of `/api/events` (an agent came
 * online, went offline or re-reported its inventory) are collected for ~300 ms so a burst of them
 * costs one re-fetch. After any interruption events may have been missed: the callback then gets
 * `null`, meaning "assume everything changed".
 */
import { useEffect, useRef, useState } from "react";
import { createBatcher } from "./batch-timer";
import { openLiveStream, type LiveState } from "./live-stream";

export type { LiveState } from "./live-stream";

const BATCH = { delayMs: 300, maxWaitMs: 2_000 };

export function useAgentEvents(onChange: (agentIds: Set<string> | null) => void): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });

  useEffect(() => {
    const batcher = createBatcher<string>((ids) => callback.current(ids), BATCH);
    const close = openLiveStream("/api/events", {
      onState: setState,
      onResumed: () => {
        batcher.cancel();
        callback.current(null);
      },
      events: {
        agent: (event) => {
          try {
            const { agentId } = JSON.parse(event.data) as { agentId?: unknown };
            if (typeof agentId === "string") batcher.add(agentId);
          } catch {
            // Not ours to fix: a malformed event only costs this one update.
          }
        },
      },
    });
    return () => {
      close();
      batcher.cancel();
    };
  }, []);

  return state;
}
