"use client";
/**
 * Keeps the dashboard current with the fleet's alerts: every monitoring event (an alert raised,
 * acknowledged or resolved) re-renders the server components (the header's count, the alert
 * centre, a device's badge). Bursts are coalesced into one refresh; client state such as an open
 * terminal is kept by a refresh.
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { openLiveStream } from "@/lib/live-stream";

const EVENTS = ["alert", "alert-acknowledged", "alert-resolved", "monitoring-state"];
const COALESCE_MS = 500;

export function MonitoringLive() {
  const router = useRouter();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), COALESCE_MS);
    };
    // After an interruption alerts may have changed unseen: refresh once more.
    const close = openLiveStream("/monitoring/events", { events: Object.fromEntries(EVENTS.map((name) => [name, refresh])), onResumed: refresh });
    return () => {
      clearTimeout(timer);
      close();
    };
  }, [router]);
  return null;
}
