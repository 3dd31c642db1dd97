"use client";
/** "3 min ago", with the full timestamp as tooltip; re-renders as time passes. */
import { formatRelative, formatTimestamp } from "@/lib/format-time";
import { useClock } from "@/lib/use-clock";

export function RelativeTime({ iso, never = "Never" }: { iso: string | null; never?: string }) {
  const clock = useClock();
  if (!iso) return <span className="text-slate-400">{never}</span>;
  // Before hydration the viewer's clock and time zone are unknown: render what the server
  // rendered (its clock, UTC) and let the first client render replace it.
  const hydrated = clock !== 0;
  const timeZone = hydrated ? undefined : "UTC";
  return (
    <time dateTime={iso} title={formatTimestamp(iso, timeZone)} className="whitespace-nowrap" suppressHydrationWarning>
      {formatRelative(iso, hydrated ? clock : Date.now(), timeZone)}
    </time>
  );
}
