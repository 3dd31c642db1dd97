/**
 * Every five minutes, a minute after each five-minute bucket ends (SETTLE_SECONDS), once across the
 * web processes: rolls the finished buckets of metrics up (see metrics/rollup.ts). Running more
 * often would only recompute the same buckets: at 20,000 samples a second each run aggregates
 * about ten minutes of samples, so how often it runs is what it costs.
 */
import { rollUpMetrics } from "../metrics/rollup";
import { defineJob } from "./queue";

export const metricRollup = defineJob({
  name: "metric-rollup",
  schedule: { cron: "1-59/5 * * * *" },
  // The next run recomputes the same buckets and any newer: no point in retrying this one.
  retry: { retryLimit: 0 },
  timeoutSeconds: 5 * 60,
  run: async (_data, { db }) => {
    await rollUpMetrics(db);
  },
});
