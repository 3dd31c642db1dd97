/** Service capability (systemd units, Windows services): what the command handlers need, and the implementation for this OS. */
import type { ServiceAction, ServiceInfo } from "../../../../src/protocol";
import { linuxServices } from "./linux";
import { windowsServices } from "./windows";

export interface ServiceCapability {
  /** Every service the OS knows, with its status in the shared vocabulary of status.ts. */
  list(): Promise<ServiceInfo[]>;
  /**
   * Starts, stops or restarts a listed service and answers its status afterwards. Throws
   * CommandError `invalid` (malformed name), `not-found`, `denied`, or `unsupported` (no service manager).
   */
  manage(name: string, action: ServiceAction): Promise<string>;
}

export function serviceCapabilityFor(platform: NodeJS.Platform): ServiceCapability {
  if (platform === "linux") return linuxServices;
  if (platform === "win32") return windowsServices;
  throw new Error(`service capability is not implemented on ${platform}`);
}
