/** Device group procedures (specification 000, "Agent & group management"). */
import { z } from "zod";
import { assignGroupInput, assignGroupManyInput, createGroupInput, deleteGroupInput } from "../contracts/groups";
import { assignGroup, assignGroupMany, createGroup, deleteGroup, listGroups } from "../services/groups";
import { agentProcedure, operatorProcedure, router, viewerProcedure } from "../trpc";

const TAG = "Groups";

export const groupsRouter = router({
  list: viewerProcedure
    .meta({
      summary: "Group names, sorted (Ungrouped always present)",
      tag: TAG,
      routes: { spec000: { method: "GET", path: "/groups", present: { schema: z.object({ groups: z.array(z.string()) }), present: (groups: string[]) => ({ groups }) } } },
    })
    .output(z.array(z.string()))
    .query(({ ctx }) => listGroups(ctx.service)),
  // Viewer, as the specification documents: naming a group changes no device.
  create: viewerProcedure
    .meta({ summary: "Create a group (normalised name)", tag: TAG, routes: { spec000: { method: "POST", path: "/groups", status: 201 } } })
    .input(createGroupInput)
    .output(z.object({ name: z.string() }))
    .mutation(({ ctx, input }) => createGroup(ctx.service, input.name)),
  remove: operatorProcedure
    // Moves every client's agents of that group: only for someone who sees every client.
    .meta({ summary: "Delete a group; its agents move to Ungrouped", tag: TAG, allClients: true, routes: { spec000: { method: "DELETE", path: "/groups", status: 204 } } })
    .input(deleteGroupInput)
    .output(z.object({ name: z.string(), movedAgents: z.number().int() }))
    .mutation(({ ctx, input }) => deleteGroup(ctx.service, input.name)),
  assign: agentProcedure("operator")
    .meta({ summary: "Move an agent to a group (created when new)", tag: TAG, routes: { spec000: { method: "POST", path: "/groups/assign" } } })
    .input(assignGroupInput)
    .output(z.object({ group: z.string() }))
    .mutation(({ ctx, input }) => assignGroup(ctx.service, input)),
  assignMany: operatorProcedure
    .meta({ summary: "Move several agents to a group (created when new), all or none", tag: TAG })
    .input(assignGroupManyInput)
    .output(z.object({ group: z.string(), changed: z.number().int() }))
    .mutation(({ ctx, input }) => assignGroupMany(ctx.service, input)),
});
