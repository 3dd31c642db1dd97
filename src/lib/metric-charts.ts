/**
 * What the device page's metric charts draw, from a `metrics.history` answer: one chart each for
 * CPU, memory, disk and network, their series (columns for uPlot), the thresholds of the monitoring
 * rules that apply to each, and a y range that always shows those thresholds. Network is charted in
 * KB/s because its rules are (received and sent together, as the reference server measures it).
 * Where steps are missing (the device was off), a gap is inserted so that no line bridges it.
 */
import type { MetricHistory, MetricThreshold } from "@/server/contracts/metrics";

export type ChartKey = "cpu" | "memory" | "disk" | "network";

/** null where the device sent nothing, so the line breaks there instead of bridging the gap. */
export type ChartLine = { label: string; values: (number | null)[]; colour: string; dashed?: boolean };

export type ChartThreshold = { value: number; text: string; severity: string };

export type ChartModel = {
  key: ChartKey;
  title: string;
  unit: "%" | "KB/s";
  times: number[];
  lines: ChartLine[];
  thresholds: ChartThreshold[];
  /** y from 0 to this: 100 for percentages, else a little above the highest value or threshold. */
  yMax: number;
};

const RULE_CHART: Record<string, ChartKey> = { cpu: "cpu", ram: "memory", "disk-usage": "disk", network: "network" };

const COMPARISON_SIGNS: Record<string, string> = { gt: ">", gte: "≥", lt: "<", lte: "≤" };

export const SEVERITY_COLOURS: Record<string, string> = { critical: "#dc2626", warning: "#d97706", info: "#2563eb" };

const toKb = (values: number[]) => values.map((value) => value / 1024);

/**
 * Indexes after which the next point is further away than two steps and three of the device's usual
 * intervals (an agent reporting every 15 s leaves most 5 s steps empty without being away).
 */
function gapsOf(times: number[], stepSeconds: number): Set<number> {
  const spacings = times.slice(1).map((time, index) => time - times[index]!);
  const usual = [...spacings].sort((a, b) => a - b)[Math.floor((spacings.length - 1) / 2)] ?? 0;
  const limit = Math.max(2 * stepSeconds, 3 * usual);
  const gaps = new Set<number>();
  spacings.forEach((spacing, index) => {
    if (spacing > limit) gaps.add(index);
  });
  return gaps;
}

function withGaps<T>(values: T[], gaps: Set<number>, filler: (index: number) => T): T[] {
  return values.flatMap((value, index) => (gaps.has(index) ? [value, filler(index)] : [value]));
}

function thresholdsOf(key: ChartKey, all: MetricThreshold[], unit: string): ChartThreshold[] {
  return all
    .filter((rule) => RULE_CHART[rule.metric] === key)
    .map((rule) => ({
      value: rule.threshold,
      severity: rule.severity,
      text: `${rule.profileName}: ${key === "network" ? "received + sent " : ""}${COMPARISON_SIGNS[rule.comparison] ?? rule.comparison} ${rule.threshold}${unit === "%" ? "%" : ` ${unit}`} (${rule.severity})`,
    }));
}

function percentChart(key: ChartKey, title: string, colour: string, average: number[], peak: number[], history: MetricHistory): ChartModel {
  return {
    key,
    title,
    unit: "%",
    times: history.series.at,
    lines: [
      { label: "Average", values: average, colour },
      { label: "Peak", values: peak, colour, dashed: true },
    ],
    thresholds: thresholdsOf(key, history.thresholds, "%"),
    yMax: 100,
  };
}

function networkChart(history: MetricHistory): ChartModel {
  const received = toKb(history.series.rx);
  const sent = toKb(history.series.tx);
  const thresholds = thresholdsOf("network", history.thresholds, "KB/s");
  const highest = Math.max(1, ...received, ...sent, ...thresholds.map((threshold) => threshold.value));
  return {
    key: "network",
    title: "Network",
    unit: "KB/s",
    times: history.series.at,
    lines: [
      { label: "Received", values: received, colour: "#059669" },
      { label: "Sent", values: sent, colour: "#0284c7" },
    ],
    thresholds,
    yMax: highest * 1.1,
  };
}

export function chartModels(history: MetricHistory): ChartModel[] {
  const { series, stepSeconds } = history;
  const gaps = gapsOf(series.at, stepSeconds);
  const times = withGaps(series.at, gaps, (index) => series.at[index]! + stepSeconds);
  return [
    percentChart("cpu", "CPU", "#0284c7", series.cpu, series.cpuMax, history),
    percentChart("memory", "Memory", "#7c3aed", series.memory, series.memoryMax, history),
    percentChart("disk", "Disk (all local disks)", "#0d9488", series.disk, series.diskMax, history),
    networkChart(history),
  ].map((model) => ({ ...model, times, lines: model.lines.map((line) => ({ ...line, values: withGaps(line.values, gaps, () => null) })) }));
}
