/** Process management procedures (specification 000, "Process management"). */
import { z } from "zod";
import { killProcessInput, killProcessResult, processSnapshot } from "../contracts/processes";
import { getProcessSnapshot, killProcess, refreshProcesses } from "../services/processes";
import { agentProcedure, router } from "../trpc";

const TAG = "Processes";

export const processesRouter = router({
  data: agentProcedure("viewer")
    .meta({ summary: "The latest process snapshot", tag: TAG, routes: { spec000: { method: "GET", path: "/processes/{agentId}/data" } } })
    .output(z.object({ snapshot: processSnapshot.nullable() }))
    .query(({ ctx }) => getProcessSnapshot(ctx.service, ctx.agent.id)),
  refresh: agentProcedure("viewer")
    .meta({ summary: "Ask the agent for a fresh process snapshot (list-processes)", tag: TAG, routes: { spec000: { method: "POST", path: "/processes/{agentId}/refresh" } } })
    .output(z.object({ snapshot: processSnapshot }))
    .mutation(({ ctx }) => refreshProcesses(ctx.service, ctx.agent.id)),
  kill: agentProcedure("operator")
    .meta({ summary: "End a process (kill-process)", tag: TAG, routes: { spec000: { method: "POST", path: "/processes/{agentId}/kill" } } })
    .input(killProcessInput)
    .output(killProcessResult)
    .mutation(({ ctx, input }) => killProcess(ctx.service, input)),
});
