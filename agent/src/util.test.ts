import { describe, expect, it } from "vitest";
import { ratePerSecond, toPercent } from "./util";

describe("toPercent", () => {
  it("rounds to one decimal and clamps counter jitter", () => {
    expect(toPercent(1, 3)).toBe(33.3);
    expect(toPercent(105, 100)).toBe(100);
    expect(toPercent(-2, 100)).toBe(0);
  });

  it("is 0 when nothing elapsed", () => {
    expect(toPercent(5, 0)).toBe(0);
  });
});

describe("ratePerSecond", () => {
  it("scales a counter delta to one second", () => {
    expect(ratePerSecond(1_000, 1_250, 250)).toBe(1_000);
  });

  it("treats a counter that went backwards as no traffic", () => {
    expect(ratePerSecond(5_000, 10, 250)).toBe(0);
  });
});
