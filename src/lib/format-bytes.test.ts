import { describe, expect, it } from "vitest";
import { formatBytes, formatPercent, formatRate, usedPercent } from "./format-bytes";

describe("formatBytes", () => {
  it("picks the largest binary unit that keeps the value at least 1", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(8 * 1024 ** 3)).toBe("8.0 GB");
    expect(formatBytes(250 * 1024 ** 2)).toBe("250 MB");
  });

  it("treats negative and non-finite values as nothing", () => {
    expect(formatBytes(-5)).toBe("0 B");
    expect(formatBytes(Number.NaN)).toBe("0 B");
  });

  it("stops at the largest unit", () => {
    expect(formatBytes(3 * 1024 ** 6)).toBe("3072 PB");
  });
});

describe("formatRate", () => {
  it("appends per second", () => {
    expect(formatRate(0)).toBe("0 B/s");
    expect(formatRate(1024 * 320)).toBe("320 KB/s");
  });
});

describe("formatPercent", () => {
  it("keeps a decimal for small values and rounds the rest", () => {
    expect(formatPercent(0)).toBe("0 %");
    expect(formatPercent(0.42)).toBe("0.4 %");
    expect(formatPercent(42.6)).toBe("43 %");
  });

  it("clamps to 0..100", () => {
    expect(formatPercent(-1)).toBe("0 %");
    expect(formatPercent(140)).toBe("100 %");
  });
});

describe("usedPercent", () => {
  it("computes the used share and survives empty disks", () => {
    expect(usedPercent({ totalBytes: 200, freeBytes: 50 })).toBe(75);
    expect(usedPercent({ totalBytes: 0, freeBytes: 0 })).toBe(0);
    expect(usedPercent({ totalBytes: 100, freeBytes: 150 })).toBe(0);
  });

  it("leaves the root reserve out, as df does", () => {
    // 1000 blocks: 400 used, 500 free for users, 100 kept for root.
    expect(usedPercent({ totalBytes: 1000, freeBytes: 500, usedBytes: 400 })).toBeCloseTo(44.44, 2);
  });
});
