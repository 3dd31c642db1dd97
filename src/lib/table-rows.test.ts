import { describe, expect, it } from "vitest";
import { countLabel, facetOptions, filterRows, searchRows, sortRows, type Column } from "./table-rows";

type Row = { name: string; group: string; seen: string | null; cpus: number };
const rows: Row[] = [
  { name: "pc-10", group: "Finance", seen: "2026-03-10T10:00:00Z", cpus: 8 },
  { name: "pc-9", group: "Servers", seen: null, cpus: 16 },
  { name: "PC-2", group: "Finance", seen: "2026-03-10T11:00:00Z", cpus: 4 },
];
const columns: Column<Row>[] = [
  { id: "name", header: "Name", accessor: (row) => row.name },
  { id: "group", header: "Group", accessor: (row) => row.group },
  { id: "seen", header: "Seen", accessor: (row) => row.seen, searchable: false },
  { id: "cpus", header: "CPUs", accessor: (row) => row.cpus },
];
const names = (list: Row[]) => list.map((row) => row.name);

describe("sortRows", () => {
  it("sorts text naturally and case-insensitively", () => {
    expect(names(sortRows(rows, columns, { columnId: "name", direction: "asc" }))).toEqual(["PC-2", "pc-9", "pc-10"]);
    expect(names(sortRows(rows, columns, { columnId: "name", direction: "desc" }))).toEqual(["pc-10", "pc-9", "PC-2"]);
  });

  it("sorts numbers as numbers", () => {
    expect(names(sortRows(rows, columns, { columnId: "cpus", direction: "desc" }))).toEqual(["pc-9", "pc-10", "PC-2"]);
  });

  it("keeps empty cells last in both directions", () => {
    expect(names(sortRows(rows, columns, { columnId: "seen", direction: "asc" }))).toEqual(["pc-10", "PC-2", "pc-9"]);
    expect(names(sortRows(rows, columns, { columnId: "seen", direction: "desc" }))).toEqual(["PC-2", "pc-10", "pc-9"]);
  });

  it("does not reorder the caller's array", () => {
    const copy = [...rows];
    sortRows(rows, columns, { columnId: "name", direction: "asc" });
    expect(rows).toEqual(copy);
  });
});

describe("searchRows", () => {
  it("needs every term to match some searchable column", () => {
    expect(names(searchRows(rows, columns, "finance pc-1"))).toEqual(["pc-10"]);
    expect(names(searchRows(rows, columns, "  "))).toEqual(names(rows));
  });

  it("ignores columns marked not searchable", () => {
    expect(searchRows(rows, columns, "2026")).toEqual([]);
  });
});

describe("filterRows and facetOptions", () => {
  it("filters on exact values and treats an empty value as 'all'", () => {
    expect(names(filterRows(rows, columns, { group: "Finance" }))).toEqual(["pc-10", "PC-2"]);
    expect(filterRows(rows, columns, { group: "" })).toHaveLength(3);
  });

  it("offers each distinct value once, sorted", () => {
    expect(facetOptions(rows, columns[1]!)).toEqual(["Finance", "Servers"]);
  });
});

describe("countLabel", () => {
  it("uses the singular for exactly one row", () => {
    expect(countLabel(1, "devices")).toBe("1 device");
    expect(countLabel(1, "entries")).toBe("1 entry");
    expect(countLabel(1, "processes")).toBe("1 process");
    expect(countLabel(0, "devices")).toBe("0 devices");
    expect(countLabel(2, "processes")).toBe("2 processes");
  });
});
