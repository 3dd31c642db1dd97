/** The header's active-alert count: red when any is critical, amber otherwise, quiet at zero. */
import Link from "next/link";

export function AlertCount({ open, critical }: { open: number; critical: number }) {
  const tone = open === 0 ? "bg-slate-100 text-slate-500" : critical > 0 ? "bg-red-600 text-white" : "bg-amber-100 text-amber-900";
  const title = open === 0 ? "No active alerts" : `${open} active ${open === 1 ? "alert" : "alerts"}${critical ? `, ${critical} critical` : ""}`;
  return (
    <Link href="/alerts" title={title} data-testid="alert-count" className={`rounded-full px-2 py-0.5 text-xs font-semibold tabular-nums ${tone} hover:opacity-90`}>
      {open === 0 ? "No alerts" : `${open} ${open === 1 ? "alert" : "alerts"}`}
    </Link>
  );
}
