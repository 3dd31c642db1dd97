"use client";
/**
 * Keeps the dashboard current with the fleet's alerts: every monitoring event (an alert raised,
 * acknowledged or resolved) re-renders the server components (the header's count, the alert
 * centre, a device's badge). Bursts are coalesced into one refresh; client state such as an open
 * terminal is kept by a refresh.
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const EVENTS = ["alert", "alert-acknowledged", "alert-resolved", "monitoring-state"];
const COALESCE_MS = 500;

export function MonitoringLive() {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource("/monitoring/events");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), COALESCE_MS);
    };
    for (const event of EVENTS) source.addEventListener(event, refresh);
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [router]);
  return null;
}
