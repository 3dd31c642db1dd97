/** A small coloured pill for states and results; the dot makes the state scannable in dense tables. */
import type { ReactNode } from "react";

export type BadgeTone = "success" | "danger" | "warning" | "neutral" | "info";

const TONES: Record<BadgeTone, { pill: string; dot: string }> = {
  success: { pill: "bg-emerald-50 text-emerald-700 ring-emerald-600/20", dot: "bg-emerald-500" },
  danger: { pill: "bg-red-50 text-red-700 ring-red-600/20", dot: "bg-red-500" },
  warning: { pill: "bg-amber-50 text-amber-800 ring-amber-600/20", dot: "bg-amber-500" },
  neutral: { pill: "bg-slate-100 text-slate-600 ring-slate-500/20", dot: "bg-slate-400" },
  info: { pill: "bg-sky-50 text-sky-700 ring-sky-600/20", dot: "bg-sky-500" },
};

export function Badge({ tone, dot = false, children }: { tone: BadgeTone; dot?: boolean; children: ReactNode }) {
  const colours = TONES[tone];
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${colours.pill}`}>
      {dot ? <span aria-hidden className={`size-1.5 rounded-full ${colours.dot}`} /> : null}
      {children}
    </span>
  );
}
