/**
 * Machine load figures: the shape shared by the periodic
 * `monitoring-metrics` message and the `list-processes` snapshot.
 */
import { z } from "zod";
import { bytesPerSecond, isoTimestamp, percent } from "./common";
import { defineMessage } from "./envelope";

export const networkRates = z.object({
  rxBytesPerSec: bytesPerSecond,
  txBytesPerSec: bytesPerSecond,
});

/** Whole-machine usage; disk is the used share of all reported local disks. */
export const systemLoad = z.object({
  cpuPercent: percent,
  memoryPercent: percent,
  diskPercent: percent,
  network: networkRates,
});

/** agent → server, every `metricsIntervalMs` from hello-ack. */
export const monitoringMetricsMessage = defineMessage("monitoring-metrics", {
  at: isoTimestamp,
  ...systemLoad.shape,
});

export type NetworkRates = z.infer<typeof networkRates>;
export type SystemLoad = z.infer<typeof systemLoad>;
export type MonitoringMetricsMessage = z.infer<typeof monitoringMetricsMessage>;
