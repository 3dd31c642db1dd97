"use client";
/**
 * A device's chat: the conversation with the person at the machine, live, and (for operators) a
 * composer. Messages from the device are marked read while this page is visible, so the unread
 * badges of the device list and the tab go back to zero; a reader who only looks (a viewer) reads
 * along as well. Enter sends, Shift+Enter starts a new line.
 */
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { LiveIndicator } from "@/components/live-updates";
import { describeCommandError } from "@/lib/command-error";
import { formatTimestamp } from "@/lib/format-time";
import { trpc } from "@/lib/trpc-client";
import { useChatStream, type ChatMessage } from "@/lib/use-chat-stream";
import { CHAT_TEXT_MAX } from "@/server/contracts/chat";

type ChatPanelProps = { agentId: string; deviceName: string; online: boolean; canSend: boolean; unread: number };

export function ChatPanel({ agentId, deviceName, online, canSend, unread }: ChatPanelProps) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bottom = useRef<HTMLLIElement>(null);
  const reading = useRef(false);

  const markRead = useCallback(async () => {
    if (reading.current || document.visibilityState !== "visible") return;
    reading.current = true;
    try {
      await trpc.chat.read.mutate({ agentId });
      router.refresh();
    } catch {
      // The badge stays until the next visit; nothing the reader can fix here.
    } finally {
      reading.current = false;
    }
  }, [agentId, router]);

  const { messages, state } = useChatStream(agentId, (message: ChatMessage) => {
    if (message.direction === "agent") void markRead();
  });

  useEffect(() => {
    if (unread > 0) void markRead();
  }, [unread, markRead]);

  useEffect(() => {
    const onVisible = () => void markRead();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [markRead]);

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "nearest" });
  }, [messages.length]);

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const message = text.trim();
    if (!message || sending) return;
    setSending(true);
    setError(null);
    try {
      await trpc.chat.send.mutate({ agentId, text: message });
      setText("");
    } catch (failure) {
      setError(describeCommandError(failure, { offline: `${deviceName} is offline, so the message was not delivered. Try again once the agent has reconnected.`, notFound: "This device no longer exists." }).message);
    } finally {
      setSending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey) void send(event);
  }

  return (
    <section aria-labelledby="chat-title" className="mt-6 max-w-3xl">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="chat-title" className="text-sm font-semibold text-slate-900">
            Chat with the user of {deviceName}
          </h2>
          <p className="text-xs text-slate-500">Messages appear in a chat window on the device; the user&apos;s answers appear here.</p>
        </div>
        <LiveIndicator state={state} />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white">
        <ol aria-label="Conversation" data-testid="chat-conversation" className="flex max-h-[28rem] min-h-48 flex-col gap-2 overflow-y-auto p-4">
          {messages.length === 0 ? (
            <li className="my-auto text-center text-[13px] text-slate-500">No messages yet. {canSend ? "Write the first one below." : "Operators can start a conversation."}</li>
          ) : (
            messages.map((message) => <Bubble key={message.id} message={message} />)
          )}
          <li ref={bottom} aria-hidden className="h-0" />
        </ol>
        {canSend ? (
          <form onSubmit={(event) => void send(event)} className="border-t border-slate-200 p-3">
            <label htmlFor="chat-text" className="sr-only">
              Message
            </label>
            <textarea
              id="chat-text"
              value={text}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={onKeyDown}
              rows={2}
              maxLength={CHAT_TEXT_MAX}
              disabled={!online}
              placeholder={online ? `Message the user of ${deviceName}` : `${deviceName} is offline`}
              className="block w-full resize-y rounded-md border border-slate-300 px-3 py-2 text-[13px] focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none disabled:bg-slate-50"
            />
            <div className="mt-2 flex items-center justify-between gap-3">
              <span className="text-xs text-slate-500">Enter sends, Shift+Enter adds a line. Messages are recorded in the audit log.</span>
              <Button type="submit" disabled={!online || sending || text.trim() === ""}>
                {sending ? "Sending…" : "Send"}
              </Button>
            </div>
          </form>
        ) : (
          <p className="border-t border-slate-200 px-4 py-3 text-xs text-slate-500">You can read this conversation; sending messages needs the operator role.</p>
        )}
      </div>
      {error ? (
        <div className="mt-3">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
    </section>
  );
}

function Bubble({ message }: { message: ChatMessage }) {
  const fromDevice = message.direction === "agent";
  return (
    <li className={`max-w-[80%] rounded-lg px-3 py-2 text-[13px] ${fromDevice ? "self-start bg-slate-100 text-slate-900" : "self-end bg-sky-50 text-slate-900 ring-1 ring-sky-200"}`} data-direction={message.direction}>
      <span className="mb-0.5 block text-[11px] text-slate-500">
        {fromDevice ? message.user : `${message.user} (${message.role})`} · <span suppressHydrationWarning>{formatTimestamp(message.timestamp)}</span>
      </span>
      <span className="break-words whitespace-pre-wrap">{message.text}</span>
    </li>
  );
}
