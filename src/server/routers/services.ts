/** OS service procedures (specification 000, "Services"): list a device's services, start/stop/restart one. */
import { manageServiceInput, manageServiceResult, serviceListResult } from "../contracts/services";
import { listServices, manageService } from "../services/os-services";
import { agentProcedure, router } from "../trpc";

const TAG = "Services";

export const servicesRouter = router({
  list: agentProcedure("viewer")
    .meta({ summary: "The device's services with status and start type, asked of the agent (list-services)", tag: TAG, routes: { spec000: { method: "GET", path: "/agent/{agentId}/services" } } })
    .output(serviceListResult)
    .query(({ ctx }) => listServices(ctx.service, ctx.agent.id)),
  manage: agentProcedure("operator")
    .meta({ summary: "Start, stop or restart a service (manage-service)", tag: TAG, routes: { spec000: { method: "POST", path: "/agent/{agentId}/service/{serviceName}/action" } } })
    .input(manageServiceInput)
    .output(manageServiceResult)
    .mutation(({ ctx, input }) => manageService(ctx.service, input)),
});
