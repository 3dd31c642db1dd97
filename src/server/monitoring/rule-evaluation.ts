/**
 * Deciding, from an agent's recent samples, whether a rule's alert should be raised or cleared.
 * A rule compares the average over its window (not one sample, so a single spike does not alert)
 * with its threshold; once raised, the alert clears only when the average is back past the
 * threshold by a margin, so a value hovering at the threshold does not flap open and closed.
 */
import { metricValue, type MetricSample, type RuleMetric } from "./metrics";

export const COMPARISONS = ["gt", "gte", "lt", "lte"] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type Rule = { metric: RuleMetric; threshold: number; windowSeconds: number; comparison: Comparison };
export type TimedSample = MetricSample & { at: number };

/** The hysteresis band: 5 % of the threshold, at least 1 unit (1 percentage point, 1 KB/s). */
export function clearMargin(threshold: number): number {
  return Math.max(Math.abs(threshold) * 0.05, 1);
}

/** The average of the samples within the window ending at `now`; the latest alone for a 0 s window; null without samples. */
export function windowAverage(samples: readonly TimedSample[], rule: Pick<Rule, "metric" | "windowSeconds">, now: number): number | null {
  if (samples.length === 0) return null;
  const inWindow = rule.windowSeconds === 0 ? samples.slice(-1) : samples.filter((sample) => sample.at > now - rule.windowSeconds * 1000 && sample.at <= now);
  if (inWindow.length === 0) return null;
  return inWindow.reduce((sum, sample) => sum + metricValue(rule.metric, sample), 0) / inWindow.length;
}

export function breaches(value: number, { threshold, comparison }: Pick<Rule, "threshold" | "comparison">): boolean {
  switch (comparison) {
    case "gt":
      return value > threshold;
    case "gte":
      return value >= threshold;
    case "lt":
      return value < threshold;
    case "lte":
      return value <= threshold;
  }
}

/** Back on the safe side of the threshold by the margin. */
export function cleared(value: number, { threshold, comparison }: Pick<Rule, "threshold" | "comparison">): boolean {
  const margin = clearMargin(threshold);
  return comparison === "gt" || comparison === "gte" ? value < threshold - margin : value > threshold + margin;
}

export type RuleDecision = { action: "raise" | "clear" | "none"; average: number | null };

export function decide(rule: Rule, samples: readonly TimedSample[], open: boolean, now: number): RuleDecision {
  const average = windowAverage(samples, rule, now);
  if (average === null) return { action: "none", average };
  if (!open && breaches(average, rule)) return { action: "raise", average };
  if (open && cleared(average, rule)) return { action: "clear", average };
  return { action: "none", average };
}
