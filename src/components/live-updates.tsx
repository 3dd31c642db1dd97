"use client";
/**
 * Keeps a server-rendered page current: re-renders it (router.refresh) when an agent it shows
 * changes, and shows whether the live connection is up. `agentId` limits it to one device;
 * `pollMs` also refreshes on a timer while the tab is visible, for figures that change without
 * an event (the latest load metrics).
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useAgentEvents, type LiveState } from "@/lib/use-agent-events";

const LOOK: Record<LiveState, { label: string; dot: string; text: string; hint: string }> = {
  live: { label: "Live", dot: "bg-emerald-500", text: "text-slate-500", hint: "Changes appear here as they happen, without reloading." },
  connecting: { label: "Connecting…", dot: "bg-slate-300", text: "text-slate-400", hint: "Connecting to live updates." },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500", text: "text-amber-700", hint: "The live connection was lost; retrying. What you see may be out of date." },
};

export function LiveIndicator({ state }: { state: LiveState }) {
  const look = LOOK[state];
  return (
    <span role="status" title={look.hint} data-testid="live-indicator" data-state={state} className={`inline-flex items-center gap-1.5 text-xs font-medium ${look.text}`}>
      <span aria-hidden className="relative flex size-2">
        {state === "live" ? <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-50 [animation-duration:2.5s]" /> : null}
        <span className={`relative inline-flex size-2 rounded-full ${look.dot}`} />
      </span>
      {look.label}
    </span>
  );
}

export function LiveUpdates({ agentId, pollMs }: { agentId?: string; pollMs?: number }) {
  const router = useRouter();
  const state = useAgentEvents((changed) => {
    if (!agentId || !changed || changed.has(agentId)) router.refresh();
  });

  useEffect(() => {
    if (!pollMs) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, router]);

  return <LiveIndicator state={state} />;
}
