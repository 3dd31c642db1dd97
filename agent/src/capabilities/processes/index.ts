/** Process capability: what the command handlers need, and the implementation for this OS. */
import type { ProcessInfo } from "../../../../src/protocol";
import { linuxProcesses } from "./linux";
import { windowsProcesses } from "./windows";

export interface ProcessCapability {
  /** Every process with its CPU share measured over a short sampling window. */
  list(): Promise<ProcessInfo[]>;
  /** Ends a process at once; throws CommandError `not-found` / `denied`. */
  kill(pid: number): Promise<void>;
}

export function processCapabilityFor(platform: NodeJS.Platform): ProcessCapability {
  if (platform === "linux") return linuxProcesses;
  if (platform === "win32") return windowsProcesses;
  throw new Error(`process capability is not implemented on ${platform}`);
}
