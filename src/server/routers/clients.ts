/** The agent list, and removing an agent. */
import { agentRef } from "../contracts/processes";
import { revokeAgent } from "../services/agents";
import { listClients } from "../services/clients";
import { operatorProcedure, router, viewerProcedure } from "../trpc";

export const clientsRouter = router({
  list: viewerProcedure.query(({ ctx }) => listClients(ctx.db)),
  revoke: operatorProcedure.input(agentRef).mutation(({ ctx, input }) => revokeAgent(ctx.db, ctx.actor, input.agentId, ctx.clientIp)),
});
