import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MonitoringMetricsMessage, SystemLoad } from "../../src/protocol";
import { createLogger } from "./log";
import { MetricsReporter } from "./metrics-reporter";

const load: SystemLoad = { cpuPercent: 5, memoryPercent: 50, diskPercent: 70, network: { rxBytesPerSec: 1, txBytesPerSec: 2 } };
const SAMPLE_MS = 250;

describe("MetricsReporter", () => {
  let sent: MonitoringMetricsMessage[];
  let reporter: MetricsReporter;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    const sample = () => new Promise<SystemLoad>((resolve) => setTimeout(() => resolve(load), SAMPLE_MS));
    reporter = new MetricsReporter(sample, (message) => sent.push(message), createLogger(() => {}));
  });

  afterEach(() => {
    reporter.stop();
    vi.useRealTimers();
  });

  it("reports at once, then once per interval", async () => {
    reporter.start(1_000);
    await vi.advanceTimersByTimeAsync(SAMPLE_MS);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: "monitoring-metrics", ...load });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(2);
    expect(Date.parse(sent[1]!.at) - Date.parse(sent[0]!.at)).toBe(1_000);
  });

  it("stops reporting when stopped, even with a sample in flight", async () => {
    reporter.start(1_000);
    await vi.advanceTimersByTimeAsync(SAMPLE_MS / 2);
    reporter.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual([]);
  });

  it("runs a single loop when restarted while a sample is in flight", async () => {
    reporter.start(1_000);
    await vi.advanceTimersByTimeAsync(SAMPLE_MS / 2);
    reporter.stop();
    reporter.start(1_000);
    await vi.advanceTimersByTimeAsync(10_000);
    // One report per second; a second loop would double this.
    expect(sent.length).toBeGreaterThanOrEqual(9);
    expect(sent.length).toBeLessThanOrEqual(11);
  });
});
