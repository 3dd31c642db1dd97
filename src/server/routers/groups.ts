/** Device group procedures (specification 000, "Agent & group management"). */
import { assignGroupInput, createGroupInput } from "../contracts/groups";
import { assignGroup, createGroup, listGroups } from "../services/groups";
import { operatorProcedure, router, viewerProcedure } from "../trpc";

export const groupsRouter = router({
  list: viewerProcedure.query(({ ctx }) => listGroups(ctx.db)),
  // Viewer, as the specification documents: naming a group changes no device.
  create: viewerProcedure.input(createGroupInput).mutation(({ ctx, input }) => createGroup(ctx.db, ctx.actor, input.name, ctx.clientIp)),
  assign: operatorProcedure.input(assignGroupInput).mutation(({ ctx, input }) => assignGroup(ctx.db, ctx.actor, input, ctx.clientIp)),
});
