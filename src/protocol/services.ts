/** OS services (Windows services, systemd units, SysV init scripts): `list-services`, `manage-service`. */
import { z } from "zod";
import { shortText } from "./common";
import { defineCommand, type CommandSpec } from "./envelope";

export const serviceName = z.string().min(1).max(256);

export const serviceInfo = z.object({
  name: serviceName,
  displayName: shortText(512).optional(),
  /** OS wording, e.g. "running", "stopped", "start-pending". */
  status: shortText(32),
  startType: shortText(32).optional(),
  description: shortText(4096).optional(),
});

export const listServicesCommand = defineCommand("list-services", {});

export const listServicesResult = z.object({ services: z.array(serviceInfo).max(10_000) });

export const serviceAction = z.enum(["start", "stop", "restart"]);

export const manageServiceCommand = defineCommand("manage-service", {
  serviceName,
  action: serviceAction,
});

export const manageServiceResult = z.object({
  serviceName,
  action: serviceAction,
  status: shortText(32),
});

export const serviceCommands = {
  "list-services": { command: listServicesCommand, result: listServicesResult },
  "manage-service": { command: manageServiceCommand, result: manageServiceResult },
} satisfies Record<string, CommandSpec>;

export type ServiceInfo = z.infer<typeof serviceInfo>;
export type ServiceAction = z.infer<typeof serviceAction>;
