import { describe, expect, it } from "vitest";
import { formatAge, formatRelative, formatTimestamp } from "./format-time";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe("formatRelative", () => {
  it("calls the last few seconds, and slight clock skew into the future, 'just now'", () => {
    expect(formatRelative(ago(10), NOW)).toBe("just now");
    expect(formatRelative(ago(-20), NOW)).toBe("just now");
  });

  it("uses whole minutes, hours and days, never rounding up to the next unit", () => {
    expect(formatRelative(ago(50), NOW)).toBe("1 min ago");
    expect(formatRelative(ago(3 * 60 + 50), NOW)).toBe("3 min ago");
    expect(formatRelative(ago(3599), NOW)).toBe("59 min ago");
    expect(formatRelative(ago(2 * 3600), NOW)).toBe("2 h ago");
    expect(formatRelative(ago(3 * 86_400), NOW)).toBe("3 d ago");
  });

  it("counts down to times ahead", () => {
    expect(formatRelative(ago(-5 * 60), NOW)).toBe("in 5 min");
    expect(formatRelative(ago(-(23 * 3600 + 59 * 60)), NOW)).toBe("in 23 h");
    expect(formatRelative(ago(-3 * 86_400), NOW)).toBe("in 3 d");
  });

  it("falls back to the date after a month", () => {
    expect(formatRelative("2026-01-02T08:00:00Z", NOW, "UTC")).toBe("2 Jan 2026");
  });
});

describe("formatTimestamp", () => {
  it("includes the seconds and names the time zone", () => {
    expect(formatTimestamp("2026-03-10T12:34:56Z", "UTC")).toBe("10 Mar 2026, 12:34:56 UTC");
  });

  it("leaves the seconds out on request", () => {
    expect(formatTimestamp("2026-03-10T12:34:56Z", "UTC", { seconds: false })).toBe("10 Mar 2026, 12:34 UTC");
  });
});

describe("formatAge", () => {
  it("counts seconds during the first minute, and never goes negative", () => {
    expect(formatAge(ago(0), NOW)).toBe("0 s ago");
    expect(formatAge(ago(12), NOW)).toBe("12 s ago");
    expect(formatAge(ago(-5), NOW)).toBe("0 s ago");
  });

  it("continues like formatRelative after a minute", () => {
    expect(formatAge(ago(60), NOW)).toBe("1 min ago");
    expect(formatAge(ago(2 * 3600), NOW)).toBe("2 h ago");
  });
});
