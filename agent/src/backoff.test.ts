import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  it("doubles the ceiling per attempt up to the cap", () => {
    const top = () => 0.999999;
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { random: top }))).toEqual([499, 999, 1999, 3999]);
    expect(backoffDelay(7, { random: top })).toBe(29_999);
    expect(backoffDelay(1_000, { random: top })).toBe(29_999);
  });

  it("spreads delays over the whole range (full jitter)", () => {
    expect(backoffDelay(5, { random: () => 0 })).toBe(0);
    expect(backoffDelay(5, { random: () => 0.5 })).toBe(8_000);
  });
});
