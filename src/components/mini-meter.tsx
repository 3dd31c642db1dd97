/** A percentage as a short bar and a number, for table cells (same colours as UsageBar). */
import { formatPercent } from "@/lib/format-bytes";
import { barColour } from "./usage-bar";

export function MiniMeter({ percent, label }: { percent: number | null | undefined; label: string }) {
  if (percent === null || percent === undefined) return <span className="text-slate-300">—</span>;
  const clamped = Math.min(100, Math.max(0, percent));
  return (
    <span className="inline-flex items-center gap-1.5" title={`${label} ${formatPercent(clamped)}`}>
      <span aria-hidden className="h-1.5 w-12 overflow-hidden rounded-full bg-slate-100">
        <span className={`block h-full rounded-full ${barColour(clamped)}`} style={{ width: `${clamped}%` }} />
      </span>
      <span className="w-10 text-right text-xs text-slate-700 tabular-nums">{formatPercent(clamped)}</span>
    </span>
  );
}
