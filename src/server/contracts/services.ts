/** Request and answer schemas of OS service management (specification 000, "Services"). */
import { z } from "zod";
import { manageServiceResult, serviceAction, serviceInfo, serviceName } from "../../protocol";
import { agentIdInput } from "./agents";

export const serviceListResult = z.object({ services: z.array(serviceInfo), retrievedAt: z.string() });
export type ServiceListResult = z.infer<typeof serviceListResult>;

export const manageServiceInput = z.strictObject({
  agentId: agentIdInput,
  serviceName,
  action: serviceAction,
});

export { manageServiceResult };
