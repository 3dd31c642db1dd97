/** Process management procedures. */
import { agentRef, killProcessInput } from "../contracts/processes";
import { getProcessSnapshot, killProcess, refreshProcesses } from "../services/processes";
import { operatorProcedure, router, viewerProcedure } from "../trpc";

export const processesRouter = router({
  data: viewerProcedure.input(agentRef).query(({ ctx, input }) => getProcessSnapshot(ctx.db, input.agentId)),
  refresh: viewerProcedure.input(agentRef).mutation(({ ctx, input }) => refreshProcesses({ db: ctx.db, waiters: ctx.waiters(), actor: ctx.actor }, input.agentId)),
  kill: operatorProcedure.input(killProcessInput).mutation(({ ctx, input }) => killProcess({ db: ctx.db, waiters: ctx.waiters(), actor: ctx.actor, clientIp: ctx.clientIp }, input)),
});
