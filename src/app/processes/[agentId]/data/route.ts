import { restRoute } from "@/server/rest/rest-route";

export const GET = restRoute((caller, { params }) => caller.processes.data({ agentId: params.agentId }));
