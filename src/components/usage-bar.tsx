/**
 * A labelled percentage bar (CPU, memory, a disk). The colour turns amber at 75 % and red at 90 %,
 * where a technician should look twice; `detail` carries the absolute figures.
 */
import type { ReactNode } from "react";
import { formatPercent } from "@/lib/format-bytes";

export function barColour(percent: number): string {
  if (percent >= 90) return "bg-red-500";
  if (percent >= 75) return "bg-amber-500";
  return "bg-sky-500";
}

export function UsageBar({ label, percent, detail }: { label: ReactNode; percent: number; detail?: ReactNode }) {
  const clamped = Math.min(100, Math.max(0, percent));
  return (
    <div>
      <div className="flex items-baseline justify-between gap-3 text-[13px]">
        <span className="min-w-0 truncate text-slate-700">{label}</span>
        <span className="shrink-0 font-medium text-slate-900 tabular-nums">{formatPercent(clamped)}</span>
      </div>
      <div role="meter" aria-label={typeof label === "string" ? label : undefined} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(clamped)} className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100">
        <div className={`h-full rounded-full ${barColour(clamped)}`} style={{ width: `${clamped}%` }} />
      </div>
      {detail ? <div className="mt-0.5 text-xs text-slate-500">{detail}</div> : null}
    </div>
  );
}
