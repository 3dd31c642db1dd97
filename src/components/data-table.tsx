"use client";
/**
 * The dashboard's table: sort by clicking a header, search across columns, filter by facets.
 * Generic over rows; pages define columns (with render functions) in a small client component
 * and pass plain, serialisable rows from the server.
 */
import { useRouter } from "next/navigation";
import { useMemo, useState, type MouseEvent } from "react";
import { facetOptions, filterRows, searchRows, sortRows, type Column, type SortState } from "@/lib/table-rows";
import { DataTableHead } from "./data-table-head";
import { DataTableToolbar, type Facet } from "./data-table-toolbar";

type DataTableProps<Row> = {
  rows: Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  /** Plural noun for the search box and the row count, e.g. "devices". */
  noun: string;
  /** Ids of the columns offered as drop-down filters. */
  facets?: string[];
  initialFacets?: Record<string, string>;
  initialSort?: SortState;
  /** Makes the whole row a shortcut to this address (a cell should still hold a real link). */
  rowHref?: (row: Row) => string;
  /** Extra attributes of a row's <tr>, e.g. `data-*` hooks for tests. */
  rowAttributes?: (row: Row) => Record<`data-${string}`, string>;
};

const NO_FACETS: string[] = [];

function cellText(value: unknown) {
  return value === null || value === undefined || value === "" ? <span className="text-slate-400">—</span> : String(value);
}

export function DataTable<Row>({ rows, columns, rowKey, noun, facets = NO_FACETS, initialFacets = {}, initialSort, rowHref, rowAttributes }: DataTableProps<Row>) {
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  const [facetValues, setFacetValues] = useState(initialFacets);

  const facetList: Facet[] = useMemo(
    () =>
      columns
        .filter((column) => facets.includes(column.id))
        .map((column) => ({ id: column.id, label: column.header, options: facetOptions(rows, column) })),
    [columns, facets, rows],
  );
  const visible = useMemo(
    () => sortRows(searchRows(filterRows(rows, columns, facetValues), columns, query), columns, sort),
    [rows, columns, facetValues, query, sort],
  );

  function toggleSort(columnId: string) {
    setSort((current) => (current?.columnId === columnId ? { columnId, direction: current.direction === "asc" ? "desc" : "asc" } : { columnId, direction: "asc" }));
  }

  function openRow(event: MouseEvent, row: Row) {
    // Links, buttons and text selections inside the row keep their own meaning.
    if (!rowHref || (event.target as HTMLElement).closest("a, button, input, select, label") || window.getSelection()?.toString()) return;
    router.push(rowHref(row));
  }

  const filtering = query !== "" || Object.values(facetValues).some(Boolean);

  return (
    <div>
      <DataTableToolbar
        noun={noun}
        query={query}
        onQuery={setQuery}
        facets={facetList}
        facetValues={facetValues}
        onFacet={(id, value) => setFacetValues((current) => ({ ...current, [id]: value }))}
        shown={visible.length}
        total={rows.length}
      />
      <div className="max-h-[calc(100vh-12rem)] overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full border-separate border-spacing-0 text-[13px]">
          <DataTableHead columns={columns} sort={sort} onSort={toggleSort} />
          {/* The container draws the outer border; the last row needs no line of its own. */}
          <tbody className="[&>tr:last-child>td]:border-b-0">
            {visible.map((row) => (
              <tr key={rowKey(row)} {...rowAttributes?.(row)} onClick={(event) => openRow(event, row)} className={`hover:bg-sky-50/60 ${rowHref ? "cursor-pointer" : ""}`}>
                {columns.map((column) => (
                  <td key={column.id} className={`border-b border-slate-100 px-3 py-1.5 align-middle ${column.numeric ? "text-right tabular-nums" : ""} ${column.className ?? ""}`}>
                    {column.render ? column.render(row) : cellText(column.accessor(row))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {visible.length === 0 ? (
          <div className="px-3 py-10 text-center text-[13px] text-slate-500">
            {filtering ? `No ${noun} match these filters.` : `No ${noun}.`}
            {filtering ? (
              <button
                type="button"
                onClick={() => {
                  setQuery("");
                  setFacetValues({});
                }}
                className="ml-2 font-medium text-sky-700 hover:underline"
              >
                Clear filters
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
