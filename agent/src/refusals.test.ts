import { describe, expect, it } from "vitest";
import { RefusalTracker } from "./refusals";

describe("giving up after refusals", () => {
  it("gives up once refusals have lasted the whole window", () => {
    let now = 1_000;
    const tracker = new RefusalTracker(60_000, () => now);
    expect(tracker.refused()).toBe(false);
    now += 59_999;
    expect(tracker.refused()).toBe(false);
    now += 1;
    expect(tracker.refused()).toBe(true);
  });

  it("starts again from zero after an accepted connection", () => {
    let now = 0;
    const tracker = new RefusalTracker(60_000, () => now);
    tracker.refused();
    now = 50_000;
    tracker.accepted();
    expect(tracker.refusing).toBe(false);
    now = 70_000;
    expect(tracker.refused()).toBe(false);
    now = 129_999;
    expect(tracker.refused()).toBe(false);
    now = 130_000;
    expect(tracker.refused()).toBe(true);
  });
});
