import { describe, expect, it } from "vitest";
import { clearMargin, decide, windowAverage, type Rule, type TimedSample } from "./rule-evaluation";

const sample = (at: number, cpuPercent: number, extra: Partial<TimedSample> = {}): TimedSample => ({ at, cpuPercent, memoryPercent: 40, diskPercent: 50, network: { rxBytesPerSec: 0, txBytesPerSec: 0 }, ...extra });
const cpuAbove80: Rule = { metric: "cpu", threshold: 80, windowSeconds: 60, comparison: "gte" };
const NOW = 1_000_000;

describe("rule evaluation", () => {
  it("averages the samples inside the window only", () => {
    const samples = [sample(NOW - 120_000, 100), sample(NOW - 45_000, 90), sample(NOW - 15_000, 70)];
    expect(windowAverage(samples, cpuAbove80, NOW)).toBe(80);
    expect(windowAverage(samples, { metric: "cpu", windowSeconds: 0 }, NOW)).toBe(70);
    expect(windowAverage([], cpuAbove80, NOW)).toBeNull();
  });

  it("does not alert on one spike inside an otherwise quiet window", () => {
    const samples = [sample(NOW - 45_000, 20), sample(NOW - 30_000, 20), sample(NOW - 15_000, 100), sample(NOW, 25)];
    expect(decide(cpuAbove80, samples, false, NOW).action).toBe("none");
  });

  it("raises when the window average crosses the threshold", () => {
    const samples = [sample(NOW - 30_000, 85), sample(NOW - 15_000, 90), sample(NOW, 80)];
    expect(decide(cpuAbove80, samples, false, NOW)).toEqual({ action: "raise", average: 85 });
  });

  it("does not flap while the average hovers at the threshold, and clears once it is clearly below", () => {
    expect(clearMargin(80)).toBe(4);
    expect(decide(cpuAbove80, [sample(NOW, 79)], true, NOW).action).toBe("none");
    expect(decide(cpuAbove80, [sample(NOW, 76.5)], true, NOW).action).toBe("none");
    expect(decide(cpuAbove80, [sample(NOW, 75.9)], true, NOW).action).toBe("clear");
  });

  it("works the other way round for lower-bound rules, and reads network as KB/s in and out", () => {
    const quietNetwork: Rule = { metric: "network", threshold: 10, windowSeconds: 0, comparison: "lt" };
    const idle = sample(NOW, 0, { network: { rxBytesPerSec: 2048, txBytesPerSec: 1024 } });
    expect(decide(quietNetwork, [idle], false, NOW)).toEqual({ action: "raise", average: 3 });
    const busy = sample(NOW, 0, { network: { rxBytesPerSec: 6 * 1024, txBytesPerSec: 6 * 1024 } });
    expect(decide(quietNetwork, [busy], true, NOW)).toEqual({ action: "clear", average: 12 });
  });
});
