import { restRoute } from "@/server/rest/rest-route";

// `processId` is validated by the procedure (a positive integer) before anything reaches the agent.
export const POST = restRoute((caller, { body, params }) => caller.processes.kill({ ...body, agentId: params.agentId }), { body: "object" });
