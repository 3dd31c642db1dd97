/** A device's metric history (charts on the device page). */
import { metricHistoryInput, metricHistoryResult } from "../contracts/metrics";
import { metricHistory } from "../services/metric-history";
import { agentProcedure, router } from "../trpc";

export const metricsRouter = router({
  history: agentProcedure("viewer")
    .meta({ summary: "CPU, memory, disk and network of a device over the last hour to 30 days, with the thresholds of its monitoring rules", tag: "Metrics" })
    .input(metricHistoryInput)
    .output(metricHistoryResult)
    .query(({ ctx, input }) => metricHistory(ctx.db, ctx.agent.id, input.range)),
});
