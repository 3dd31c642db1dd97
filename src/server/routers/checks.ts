/**
 * Checks: the device page's Checks tab and Tactical RMM's `/api/v3/checks/`. Everyone may see the
 * checks of the agents they may see; adding one is an operator's work.
 */
import { z } from "zod";
import { v3AgentFilter } from "../api/presenters/v3";
import { v3CheckDetail, v3CheckList, v3CreateCheckBody, v3CreateCheckInput } from "../api/presenters/v3-checks";
import { numericParam } from "../api/surfaces/list-query";
import { checkIdInput, checkView, createCheckInput, listChecksInput } from "../contracts/checks";
import { createCheck, deleteCheck, listChecks } from "../services/checks";
import { operatorProcedure, router, viewerProcedure } from "../trpc";

const TAG = "Checks";

export const checksRouter = router({
  list: viewerProcedure
    .meta({
      summary: "Checks with their latest outcome, of one agent or all",
      tag: TAG,
      routes: { v3: { method: "GET", path: "/checks/", ...v3AgentFilter, present: v3CheckList } },
    })
    .input(listChecksInput)
    .output(z.array(checkView))
    .query(({ ctx, input }) => listChecks(ctx.service, input)),
  create: operatorProcedure
    .meta({
      summary: "Add a check to an agent; it runs within a minute",
      tag: TAG,
      routes: { v3: { method: "POST", path: "/checks/", status: 201, input: v3CreateCheckInput, body: v3CreateCheckBody, present: v3CheckDetail } },
    })
    .input(createCheckInput)
    .output(checkView)
    .mutation(({ ctx, input }) => createCheck(ctx.service, input)),
  delete: operatorProcedure
    .meta({ summary: "Remove a check; its open alert is closed", tag: TAG, routes: { v3: { method: "DELETE", path: "/checks/{id}/", input: ({ params }) => ({ id: numericParam(params.id) }) } } })
    .input(checkIdInput)
    .output(z.object({ id: z.number().int() }))
    .mutation(({ ctx, input }) => deleteCheck(ctx.service, input.id)),
});
