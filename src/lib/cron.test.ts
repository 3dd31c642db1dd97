import { describe, expect, it } from "vitest";
import { nextOccurrence, nextOccurrences, scheduleProblem } from "./cron";

describe("cron schedules", () => {
  it("accepts five-field expressions", () => {
    for (const expression of ["* * * * *", "0 3 * * 0", "*/15 8-18 * * MON-FRI", " 30 2 1 * * "]) expect(scheduleProblem(expression)).toBeNull();
  });

  it("names what is wrong with an expression that is not a schedule", () => {
    expect(scheduleProblem("61 * * * *")).toMatch(/not a valid cron expression.*minute/);
    expect(scheduleProblem("bogus")).toMatch(/five fields/);
    expect(scheduleProblem("0 0 0 * * *")).toMatch(/five fields/);
    expect(scheduleProblem("2030-01-01T00:00:00")).toMatch(/five fields/);
    expect(scheduleProblem("")).toMatch(/five fields/);
    expect(scheduleProblem("0 0 30 2 *")).toBe("never fires");
  });

  it("computes the next occurrences in UTC, strictly after the given time", () => {
    const at = new Date("2026-03-07T23:59:30Z");
    expect(nextOccurrence("* * * * *", at)).toEqual(new Date("2026-03-08T00:00:00Z"));
    expect(nextOccurrence("* * * * *", new Date("2026-03-08T00:00:00Z"))).toEqual(new Date("2026-03-08T00:01:00Z"));
    // Sunday 03:00 UTC: 2026-03-08 is a Sunday.
    expect(nextOccurrences("0 3 * * 0", at, 3)).toEqual([new Date("2026-03-08T03:00:00Z"), new Date("2026-03-15T03:00:00Z"), new Date("2026-03-22T03:00:00Z")]);
    expect(nextOccurrences("*/20 * * * *", new Date("2026-01-01T10:05:00Z"), 3)).toEqual([new Date("2026-01-01T10:20:00Z"), new Date("2026-01-01T10:40:00Z"), new Date("2026-01-01T11:00:00Z")]);
  });
});
