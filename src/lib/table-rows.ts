/** The pure part of DataTable: column definitions, search, facet filters and sorting of rows. */
import type { ReactNode } from "react";

export type CellValue = string | number | boolean | null | undefined;

export type Column<Row> = {
  id: string;
  header: string;
  /** The value that sorting, searching and facet filters use. */
  accessor: (row: Row) => CellValue;
  /** What the cell shows; the accessor's value as text when absent. */
  render?: (row: Row) => ReactNode;
  /** Excluded from the search box, e.g. timestamps whose raw text nobody types. */
  searchable?: boolean;
  /** Extra classes for the cell, e.g. a monospace font or a fixed width. */
  className?: string;
  /** False for columns of actions, whose header is not a sort button. */
  sortable?: boolean;
  /** Right-aligned cell and header, for numbers that are compared by eye. */
  numeric?: boolean;
};

export type SortState = { columnId: string; direction: "asc" | "desc" };

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function isEmpty(value: CellValue): boolean {
  return value === null || value === undefined || value === "";
}

function compareValues(a: CellValue, b: CellValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

export function sortRows<Row>(rows: Row[], columns: Column<Row>[], sort: SortState | null): Row[] {
  const column = sort && columns.find((candidate) => candidate.id === sort.columnId);
  if (!sort || !column) return rows;
  const sign = sort.direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = column.accessor(a);
    const vb = column.accessor(b);
    // Empty cells stay at the bottom whichever the direction: they are never what one looks for.
    if (isEmpty(va) || isEmpty(vb)) return Number(isEmpty(va)) - Number(isEmpty(vb));
    return sign * compareValues(va, vb);
  });
}

/** Every whitespace-separated term must occur in at least one searchable cell (case-insensitive). */
export function searchRows<Row>(rows: Row[], columns: Column<Row>[], query: string): Row[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return rows;
  const searchable = columns.filter((column) => column.searchable !== false);
  return rows.filter((row) => {
    const haystack = searchable.map((column) => String(column.accessor(row) ?? "").toLowerCase());
    return terms.every((term) => haystack.some((cell) => cell.includes(term)));
  });
}

/** Facet filters: column id -> the exact text value required; an empty value means "all". */
export function filterRows<Row>(rows: Row[], columns: Column<Row>[], facets: Record<string, string>): Row[] {
  const active = columns.filter((column) => facets[column.id]);
  if (active.length === 0) return rows;
  return rows.filter((row) => active.every((column) => String(column.accessor(row) ?? "") === facets[column.id]));
}

/** The distinct non-empty values of a column, sorted, for a facet's options. */
export function facetOptions<Row>(rows: Row[], column: Column<Row>): string[] {
  const values = new Set(rows.map((row) => String(column.accessor(row) ?? "")).filter(Boolean));
  return [...values].sort(collator.compare);
}

/** "1 device", "3 devices": the row count under a table, from the table's plural noun. */
export function countLabel(count: number, plural: string): string {
  if (count !== 1) return `${count} ${plural}`;
  // Enough English for the nouns tables use: entries, processes, devices.
  const singular = plural.endsWith("ies") ? `${plural.slice(0, -3)}y` : plural.endsWith("sses") ? plural.slice(0, -2) : plural.replace(/s$/, "");
  return `1 ${singular}`;
}
