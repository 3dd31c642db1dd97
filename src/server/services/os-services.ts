/**
 * The OS services of a device (systemd units, Windows services), always asked of the agent live:
 * a service list goes stale within seconds of any action, so none is stored. Actions are audited,
 * refused ones included. The agent's own answers set the HTTP status: an unknown service is 404
 * (`not-found`), a machine without a service manager 502 with the agent's reason.
 */
import type { ServiceAction } from "../../protocol";
import type { ServiceListResult } from "../contracts/services";
import type { ServiceContext } from "./service-context";

export async function listServices(ctx: ServiceContext, agentId: string): Promise<ServiceListResult> {
  const { services } = await ctx.request(agentId, "list-services", {});
  return { services, retrievedAt: new Date().toISOString() };
}

export async function manageService(ctx: ServiceContext, input: { agentId: string; serviceName: string; action: ServiceAction }) {
  const audit = (success: boolean, error?: string) =>
    ctx.audit({ action: `service.${input.action}`, target: input.agentId, success, details: { serviceName: input.serviceName, ...(error ? { error } : {}) } });
  try {
    const result = await ctx.request(input.agentId, "manage-service", { serviceName: input.serviceName, action: input.action });
    await audit(true);
    return result;
  } catch (error) {
    await audit(false, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
