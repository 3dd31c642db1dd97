/** Service capability (systemd units or SysV init scripts, Windows services): what the command handlers need, and the implementation for this OS. */
import type { ServiceAction, ServiceInfo } from "../../../../src/protocol";
import { linuxServices } from "./linux";
import { windowsServices } from "./windows";
import { implementationFor, type Implementations } from "../platform-map";
import type { HandlerTable } from "../../commands/dispatcher";

export interface ServiceCapability {
  /** Every service the OS knows, with its status in the shared vocabulary of status.ts. */
  list(): Promise<ServiceInfo[]>;
  /**
   * Starts, stops or restarts a listed service and answers its status afterwards. Throws
   * CommandError `invalid` (malformed name), `not-found`, `denied`, `failed`, or `unsupported` (neither
   * systemd nor init scripts on Linux).
   */
  manage(name: string, action: ServiceAction): Promise<string>;
}

export const serviceImplementations: Implementations<ServiceCapability> = { linux: linuxServices, win32: windowsServices };

export function serviceCapabilityFor(platform: NodeJS.Platform): ServiceCapability {
  return implementationFor(serviceImplementations, platform, "service");
}

export function serviceHandlers(services: ServiceCapability): HandlerTable {
  return {
    "list-services": async () => ({ services: await services.list() }),
    "manage-service": async ({ serviceName, action }) => ({ serviceName, action, status: await services.manage(serviceName, action) }),
  };
}
