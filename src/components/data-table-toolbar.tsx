/** DataTable's toolbar: the search box ("/" focuses it), drop-down filters and the row count. */
import { useEffect, useRef } from "react";
import { countLabel } from "@/lib/table-rows";

export type Facet = { id: string; label: string; options: string[] };

type ToolbarProps = {
  noun: string;
  query: string;
  onQuery: (query: string) => void;
  facets: Facet[];
  facetValues: Record<string, string>;
  onFacet: (id: string, value: string) => void;
  shown: number;
  total: number;
};

const FACET_BOX = "flex h-8 items-center rounded-md border bg-white text-[13px] shadow-sm focus-within:border-sky-500 focus-within:ring-2 focus-within:ring-sky-500/25";

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

export function DataTableToolbar({ noun, query, onQuery, facets, facetValues, onFacet, shown, total }: ToolbarProps) {
  const search = useRef<HTMLInputElement>(null);

  // "/" to search is what consoles and code hosts have taught technicians to expect.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "/" || event.metaKey || event.ctrlKey || isTyping(event.target)) return;
      event.preventDefault();
      search.current?.focus();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="mb-2 flex flex-wrap items-center gap-2">
      <div className="relative w-full max-w-xs">
        <svg aria-hidden viewBox="0 0 16 16" className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-slate-400">
          <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth={1.5} />
          <path d="M10.5 10.5L14 14" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" />
        </svg>
        <input
          ref={search}
          type="search"
          value={query}
          onChange={(event) => onQuery(event.target.value)}
          placeholder={`Search ${noun}…`}
          aria-label={`Search ${noun}`}
          className="h-8 w-full rounded-md border border-slate-300 bg-white pr-2 pl-8 text-[13px] shadow-sm placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/25 focus:outline-none"
        />
        {query ? null : (
          <kbd aria-hidden className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-slate-200 bg-slate-50 px-1.5 font-mono text-[10px] text-slate-400">
            /
          </kbd>
        )}
      </div>
      {facets.map((facet) => {
        const active = Boolean(facetValues[facet.id]);
        // The visible caption keeps "which filter is this" readable once a value is chosen.
        return (
          <div key={facet.id} className={`${FACET_BOX} ${active ? "border-sky-400 bg-sky-50" : "border-slate-300"}`}>
            <span aria-hidden className="pl-2.5 text-slate-500">
              {facet.label}:
            </span>
            <select
              value={facetValues[facet.id] ?? ""}
              onChange={(event) => onFacet(facet.id, event.target.value)}
              aria-label={`Filter by ${facet.label.toLowerCase()}`}
              className={`h-full rounded-md bg-transparent pr-1 pl-1 font-medium focus:outline-none ${active ? "text-sky-800" : "text-slate-700"}`}
            >
              <option value="">All</option>
              {facet.options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      <p className="ml-auto text-xs text-slate-500 tabular-nums" aria-live="polite">
        {shown === total ? countLabel(total, noun) : `${shown} of ${total} ${noun}`}
      </p>
    </div>
  );
}
