import { describe, expect, it } from "vitest";
import { latestLoad } from "./device-load";

const network = { rxBytesPerSec: 10, txBytesPerSec: 20 };
const metrics = { at: "2026-03-10T12:00:00Z", cpuPercent: 5, memoryPercent: 40, diskPercent: 70, network };
const snapshot = { collectedAt: "2026-03-10T12:00:30Z", cpuPercent: 9, memoryPercent: 41, diskPercent: 70, network, processes: [] };

describe("latestLoad", () => {
  it("takes the newer of the metrics report and the process snapshot, with its time", () => {
    expect(latestLoad(metrics, snapshot)).toEqual({ cpuPercent: 9, memoryPercent: 41, diskPercent: 70, network, at: snapshot.collectedAt });
    expect(latestLoad({ ...metrics, at: "2026-03-10T12:01:00Z" }, snapshot)?.cpuPercent).toBe(5);
  });

  it("works with either one missing, and with neither", () => {
    expect(latestLoad(null, snapshot)?.at).toBe(snapshot.collectedAt);
    expect(latestLoad(metrics, null)?.at).toBe(metrics.at);
    expect(latestLoad(null, undefined)).toBeNull();
  });

  it("ignores a reading without a usable time", () => {
    expect(latestLoad({ ...metrics, at: "garbage" }, null)).toBeNull();
  });
});
