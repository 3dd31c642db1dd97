/** Small numeric and timing helpers shared by the capabilities. */

/** How long CPU and network counters are sampled for one reading. */
export const SAMPLE_WINDOW_MS = 250;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `part` as a percentage of `whole`, clamped to 0..100 (counter jitter can overshoot) and rounded to 0.1. */
export function toPercent(part: number, whole: number): number {
  if (!(whole > 0) || !Number.isFinite(part)) return 0;
  const value = (part / whole) * 100;
  return Math.round(Math.min(100, Math.max(0, value)) * 10) / 10;
}

/** Counter delta per second; a counter that went backwards (wrapped, interface reset) counts as zero. */
export function ratePerSecond(before: number, after: number, elapsedMs: number): number {
  if (!(elapsedMs > 0) || after < before) return 0;
  return Math.round(((after - before) * 1000) / elapsedMs);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
