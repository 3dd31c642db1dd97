/** The commands this agent implements, wired to the capabilities. */
import type { ActionResultMessage } from "../../../src/protocol";
import type { CrashCapability } from "../capabilities/crashes";
import type { EventLogCapability } from "../capabilities/event-logs";
import type { PowerCapability } from "../capabilities/power";
import type { ProcessCapability } from "../capabilities/processes";
import type { RunCommandCapability } from "../capabilities/run-command";
import type { ServiceCapability } from "../capabilities/services";
import type { SystemInfoCapability } from "../capabilities/system-info";
import { deviceActionHandler } from "./device-actions";
import type { HandlerTable } from "./dispatcher";

export interface Capabilities {
  crashes: CrashCapability;
  eventLogs: EventLogCapability;
  power: PowerCapability;
  processes: ProcessCapability;
  runCommand: RunCommandCapability;
  services: ServiceCapability;
  systemInfo: SystemInfoCapability;
}

export interface HandlerContext {
  /** Installed as a service: `uninstall` removes the service and its folder. */
  service: boolean;
  /** Ends the process with the code the service manager restarts on (`restart-agent`). */
  restartAgent: () => void;
  /** Sends a message outside a command's reply (`action-result`). */
  report: (message: ActionResultMessage) => void;
}

export function createHandlers({ crashes, eventLogs, power, processes, runCommand, services, systemInfo }: Capabilities, { service, restartAgent, report }: HandlerContext): HandlerTable {
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
    "request-bsod": async () => ({ summary: await crashes.summary() }),
    "request-event-stats": async ({ sinceHours = 24 }) => eventLogs.stats(new Date(Date.now() - sinceHours * 3_600_000)),
    "request-event-entries": async ({ level, limit = 200 }) => ({ entries: await eventLogs.entries(level, limit) }),
    "list-services": async () => ({ services: await services.list() }),
    "manage-service": async ({ serviceName, action }) => ({ serviceName, action, status: await services.manage(serviceName, action) }),
    "run-command": ({ command, timeoutSeconds }) => runCommand.run(command, timeoutSeconds),
    // Only the acknowledgement: the agent removes itself once the reply is on its way (agent.ts, main.ts).
    "invoke-action": deviceActionHandler({ power, service, restartAgent, report }),
    uninstall: async () => ({ mode: service ? "service" : "files" }),
  };
}
