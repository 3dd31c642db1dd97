/**
 * A device's chat for client components: one EventSource on `/chat/{agentId}/events`. The server
 * sends the recent history first and then each new message; after a network error EventSource
 * reconnects with the last id it saw and is sent only what it missed, so messages are kept by id
 * and never shown twice. When the server refuses the stream (a session that expired) it gives up;
 * a new one is started later.
 */
import { useEffect, useRef, useState } from "react";
import type { ChatEvent } from "@/server/contracts/chat";
import type { LiveState } from "./use-agent-events";

export type ChatMessage = ChatEvent & { id: number };

const RETRY_REFUSED_MS = 15_000;

export function useChatStream(agentId: string, onMessage?: (message: ChatMessage) => void): { messages: ChatMessage[]; state: LiveState } {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [state, setState] = useState<LiveState>("connecting");
  const callback = useRef(onMessage);
  useEffect(() => {
    callback.current = onMessage;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    function connect() {
      source = new EventSource(`/chat/${encodeURIComponent(agentId)}/events`);
      source.onopen = () => setState("live");
      source.addEventListener("chat", (event) => {
        const { data, lastEventId } = event as MessageEvent<string>;
        let message: ChatMessage;
        try {
          message = { ...(JSON.parse(data) as ChatEvent), id: Number(lastEventId) };
        } catch {
          return;
        }
        setMessages((current) => (current.some((known) => known.id === message.id) ? current : [...current, message].sort((a, b) => a.id - b.id)));
        callback.current?.(message);
      });
      source.onerror = () => {
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
    };
  }, [agentId]);

  return { messages, state };
}
