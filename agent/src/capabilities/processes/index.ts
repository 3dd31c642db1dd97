/** Process capability: what the command handlers need, and the implementation for this OS. */
import type { ProcessInfo } from "../../../../src/protocol";
import { linuxProcesses } from "./linux";
import { windowsProcesses } from "./windows";
import { implementationFor, type Implementations } from "../platform-map";
import type { SystemInfoCapability } from "../system-info";
import type { HandlerTable } from "../../commands/dispatcher";

export interface ProcessCapability {
  /** Every process with its CPU share measured over a short sampling window. */
  list(): Promise<ProcessInfo[]>;
  /** Ends a process at once; throws CommandError `not-found` / `denied`. */
  kill(pid: number): Promise<void>;
}

export const processImplementations: Implementations<ProcessCapability> = { linux: linuxProcesses, win32: windowsProcesses };

export function processCapabilityFor(platform: NodeJS.Platform): ProcessCapability {
  return implementationFor(processImplementations, platform, "processes");
}

export function processHandlers(processes: ProcessCapability, systemInfo: SystemInfoCapability): HandlerTable {
  return {
    "list-processes": async () => {
      // Both sample over the same short window, so run them side by side.
      const [list, load] = await Promise.all([processes.list(), systemInfo.sampleLoad()]);
      return { processes: list, ...load, collectedAt: new Date().toISOString() };
    },
    "kill-process": async ({ processId }) => {
      await processes.kill(processId);
      return { processId, killed: true };
    },
  };
}
