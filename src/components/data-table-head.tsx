/** The header row of DataTable: sticky, and each header a button that sorts by its column. */
import type { Column, SortState } from "@/lib/table-rows";

function SortIcon({ direction }: { direction: "asc" | "desc" | null }) {
  return (
    <svg aria-hidden viewBox="0 0 12 12" className={`size-3 ${direction ? "text-sky-600" : "text-slate-300 group-hover:text-slate-400"}`}>
      <path d="M3 5l3-3 3 3" fill="none" stroke="currentColor" strokeWidth={1.5} opacity={direction === "desc" ? 0.3 : 1} />
      <path d="M3 7l3 3 3-3" fill="none" stroke="currentColor" strokeWidth={1.5} opacity={direction === "asc" ? 0.3 : 1} />
    </svg>
  );
}

type HeadProps<Row> = { columns: Column<Row>[]; sort: SortState | null; onSort: (columnId: string) => void };

export function DataTableHead<Row>({ columns, sort, onSort }: HeadProps<Row>) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const direction = sort?.columnId === column.id ? sort.direction : null;
          return (
            <th
              key={column.id}
              scope="col"
              aria-sort={column.sortable === false ? undefined : direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}
              className={`sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-0 font-medium whitespace-nowrap ${column.numeric ? "text-right" : "text-left"}`}
            >
              {column.sortable === false ? (
                <span className="text-[11px] tracking-wide text-slate-500 uppercase">{column.header}</span>
              ) : (
                <button
                  type="button"
                  onClick={() => onSort(column.id)}
                  className="group -mx-1 inline-flex h-8 items-center gap-1 rounded px-1 text-[11px] tracking-wide text-slate-500 uppercase hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-sky-500/40 focus-visible:outline-none"
                >
                  {column.header}
                  <SortIcon direction={direction} />
                </button>
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
