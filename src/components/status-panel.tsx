/** A centred card for whole-page outcomes (403, 404, errors): code, headline, advice, one action. */
import type { ReactNode } from "react";

type StatusPanelProps = { code: string; title: string; tone?: "neutral" | "danger"; children: ReactNode; action: ReactNode };

export function StatusPanel({ code, title, tone = "neutral", children, action }: StatusPanelProps) {
  const danger = tone === "danger";
  return (
    <div role={danger ? "alert" : undefined} className={`mx-auto mt-10 max-w-md rounded-lg border bg-white px-6 py-10 text-center shadow-sm ${danger ? "border-red-200" : "border-slate-200"}`}>
      <p className={`font-mono text-xs font-semibold tracking-widest ${danger ? "text-red-400" : "text-slate-400"}`}>{code}</p>
      <h1 className="mt-2 text-base font-semibold text-slate-900">{title}</h1>
      <div className="mt-1 text-[13px] text-slate-500">{children}</div>
      <div className="mt-5">{action}</div>
    </div>
  );
}
