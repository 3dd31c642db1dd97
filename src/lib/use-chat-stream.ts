/**
 * A device's chat for client components: one live stream of `/chat/{agentId}/events`. The server
 * sends the recent history first and then each new message; after a network error the stream
 * resumes from the last id it saw and is sent only what it missed, so messages are kept by id and
 * never shown twice.
 */
import { useEffect, useRef, useState } from "react";
import type { ChatEvent } from "@/server/contracts/chat";
import { openLiveStream, type LiveState } from "./live-stream";

export type ChatMessage = ChatEvent & { id: number };

export function useChatStream(agentId: string, onMessage?: (message: ChatMessage) => void): { messages: ChatMessage[]; state: LiveState } {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [state, setState] = useState<LiveState>("connecting");
  const callback = useRef(onMessage);
  useEffect(() => {
    callback.current = onMessage;
  });

  useEffect(
    () =>
      openLiveStream(`/chat/${encodeURIComponent(agentId)}/events`, {
        onState: setState,
        events: {
          chat: ({ data, lastEventId }) => {
            let message: ChatMessage;
            try {
              message = { ...(JSON.parse(data) as ChatEvent), id: Number(lastEventId) };
            } catch {
              return;
            }
            setMessages((current) => (current.some((known) => known.id === message.id) ? current : [...current, message].sort((a, b) => a.id - b.id)));
            callback.current?.(message);
          },
        },
      }),
    [agentId],
  );

  return { messages, state };
}
