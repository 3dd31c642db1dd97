/** Shown while a dashboard page's server components load: the shape of a page, not a spinner. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="animate-pulse">
      <div className="mb-5 space-y-2">
        <div className="h-5 w-40 rounded bg-slate-200" />
        <div className="h-3.5 w-72 rounded bg-slate-200/70" />
      </div>
      <div className="mb-2 h-8 w-80 rounded-md bg-slate-200/70" />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <div className="h-8 border-b border-slate-200 bg-slate-50" />
        {Array.from({ length: 8 }, (_, index) => (
          <div key={index} className="flex gap-6 border-b border-slate-100 px-3 py-2.5 last:border-b-0">
            <div className="h-3 w-40 rounded bg-slate-200" />
            <div className="h-3 w-16 rounded bg-slate-100" />
            <div className="h-3 w-24 rounded bg-slate-100" />
            <div className="h-3 w-48 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
