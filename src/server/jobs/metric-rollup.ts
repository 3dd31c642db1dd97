/** Every minute, once across the web processes: rolls finished five-minute buckets of metrics up (see metrics/rollup.ts). */
import { rollUpMetrics } from "../metrics/rollup";
import { defineJob } from "./queue";

export const metricRollup = defineJob({
  name: "metric-rollup",
  schedule: { cron: "* * * * *" },
  // The next run, a minute later, recomputes the same buckets: no point in retrying this one.
  retry: { retryLimit: 0 },
  timeoutSeconds: 5 * 60,
  run: async (_data, { db }) => {
    await rollUpMetrics(db);
  },
});
