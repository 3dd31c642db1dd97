/**
 * CSV as spreadsheets read it (RFC 4180: comma-separated, CRLF lines, quotes doubled). A cell that
 * a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return) is
 * prefixed with an apostrophe: device names and tags come from agents and users, and an export
 * must not become a way to run formulas on a technician's machine.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  // Numbers are the export's own (percentages, counts): a negative one is a number, not a formula.
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
