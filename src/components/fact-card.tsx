/** A titled panel of facts about one thing (a device's system, its agent), as label/value rows. */
import type { ReactNode } from "react";

export function Card({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex items-baseline justify-between gap-3 border-b border-slate-200 px-4 py-2.5">
        <h2 className="text-[13px] font-semibold text-slate-900">{title}</h2>
        {aside ? <div className="text-xs text-slate-500">{aside}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function FactList({ children }: { children: ReactNode }) {
  return <dl className="text-[13px]">{children}</dl>;
}

/** One row; an empty value shows a neutral dash instead of a blank. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8.5rem_1fr] gap-3 border-b border-slate-100 px-4 py-2 last:border-b-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children ?? <span className="text-slate-400">—</span>}</dd>
    </div>
  );
}
