import { restRoute } from "@/server/rest/rest-route";

export const POST = restRoute((caller, { params }) => caller.processes.refresh({ agentId: params.agentId }));
