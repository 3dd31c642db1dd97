import { describe, expect, it } from "vitest";
import { evaluateMetricCheck, METRICS_STALE_MS } from "./metric-checks";

const now = new Date("2026-04-21T10:30:00Z");
const metrics = (overrides: Partial<{ cpuPercent: number; memoryPercent: number; diskPercent: number; at: string }> = {}) => ({
  at: now.toISOString(),
  cpuPercent: 20,
  memoryPercent: 50,
  diskPercent: 75,
  network: { rxBytesPerSec: 0, txBytesPerSec: 0 },
  ...overrides,
});
const GB = 1024 ** 3;
const specs = { disks: [{ mount: "C:", totalBytes: 476.9 * GB, freeBytes: 120.5 * GB }, { mount: "/data", totalBytes: 100 * GB, freeBytes: 5 * GB }] };

describe("metric checks", () => {
  it("fails disk space when the free share of all disks is below the threshold", () => {
    expect(evaluateMetricCheck({ checkType: "diskspace", threshold: 30 }, { metrics: metrics(), specs: null }, now)).toEqual({
      status: "failing",
      moreInfo: "All local disks 75% used (25% free), threshold 30% free",
    });
    expect(evaluateMetricCheck({ checkType: "diskspace", threshold: 20 }, { metrics: metrics(), specs: null }, now)?.status).toBe("passing");
  });

  it("reads one drive from the inventory, by its mount with or without a trailing separator, ignoring case", () => {
    expect(evaluateMetricCheck({ checkType: "diskspace", drive: "c:\\", threshold: 10 }, { metrics: null, specs }, now)).toEqual({
      status: "passing",
      moreInfo: "C: 74.7% used (121 GB free of 477 GB), threshold 10% free",
    });
    expect(evaluateMetricCheck({ checkType: "diskspace", drive: "/data/", threshold: 10 }, { metrics: null, specs }, now)?.status).toBe("failing");
    expect(evaluateMetricCheck({ checkType: "diskspace", drive: "D:", threshold: 10 }, { metrics: null, specs }, now)).toEqual({ status: "failing", moreInfo: "D:: no such drive reported by the agent" });
  });

  it("fails CPU load and memory above their threshold only", () => {
    expect(evaluateMetricCheck({ checkType: "cpuload", threshold: 20 }, { metrics: metrics(), specs: null }, now)?.status).toBe("passing");
    expect(evaluateMetricCheck({ checkType: "cpuload", threshold: 19 }, { metrics: metrics(), specs: null }, now)).toEqual({ status: "failing", moreInfo: "CPU load 20%, threshold 19%" });
    expect(evaluateMetricCheck({ checkType: "memory", threshold: 40 }, { metrics: metrics({ memoryPercent: 42.25 }), specs: null }, now)).toEqual({ status: "failing", moreInfo: "Memory 42.3%, threshold 40%" });
  });

  it("says nothing on stale or missing metrics, so the last outcome stands", () => {
    const stale = metrics({ at: new Date(now.getTime() - METRICS_STALE_MS - 1).toISOString(), cpuPercent: 99 });
    expect(evaluateMetricCheck({ checkType: "cpuload", threshold: 50 }, { metrics: stale, specs: null }, now)).toBeNull();
    expect(evaluateMetricCheck({ checkType: "memory", threshold: 50 }, { metrics: null, specs: null }, now)).toBeNull();
  });
});
