import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";

describe("csv", () => {
  it("quotes cells holding commas, quotes or line breaks, doubling the quotes", () => {
    expect(csvLine(["PC-1", "Acme, Inc.", 'say "hi"', "two\nlines", 42, null])).toBe('PC-1,"Acme, Inc.","say ""hi""","two\nlines",42,\r\n');
  });

  it("keeps leading and trailing spaces by quoting them", () => {
    expect(csvCell(" padded ")).toBe('" padded "');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx"].map(csvCell)).toEqual(["\"'=HYPERLINK(\"\"http://x\"\")\"", "'+1", "'-2+3", "'@SUM(A1)", "'\tx"]);
  });

  it("leaves the export's own numbers alone, negative ones too", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(true)).toBe("true");
  });
});
