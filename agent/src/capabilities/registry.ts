/**
 * The one place capabilities are registered: each one's implementation for this OS, and the
 * command handlers it contributes. Adding a capability means its folder (implementations per OS
 * and `…Handlers`), its messages in the protocol, and a line in each of the two lists below; the
 * commands it handles are announced in `hello` from the resulting table.
 */
import type { HandlerTable } from "../commands/dispatcher";
import { deviceActionHandler } from "../commands/device-actions";
import type { ActionResultMessage } from "../../../src/protocol";
import { chatCapabilityFor, chatHandlers, type ChatCapability } from "./chat";
import { crashCapabilityFor, crashHandlers, type CrashCapability } from "./crashes";
import { eventLogCapabilityFor, eventLogHandlers, type EventLogCapability } from "./event-logs";
import { logStreamCapabilityFor, logStreamHandlers, type LogStreamCapability } from "./log-stream";
import { monitoringHandlers } from "./monitoring";
import { fileHandlers, filesCapabilityFor, type FilesCapability } from "./files";
import { powerCapabilityFor, type PowerCapability } from "./power";
import { processCapabilityFor, processHandlers, type ProcessCapability } from "./processes";
import { runCommandCapabilityFor, runCommandHandlers, type RunCommandCapability } from "./run-command";
import { runScriptCapabilityFor, runScriptHandlers, type RunScriptCapability } from "./run-script";
import { serviceCapabilityFor, serviceHandlers, type ServiceCapability } from "./services";
import { shellCapabilityFor, shellHandlers, type ShellCapability } from "./shell";
import { systemInfoCapabilityFor, type SystemInfoCapability } from "./system-info";

export interface Capabilities {
  chat: ChatCapability;
  crashes: CrashCapability;
  eventLogs: EventLogCapability;
  logStream: LogStreamCapability;
  files: FilesCapability;
  power: PowerCapability;
  processes: ProcessCapability;
  runCommand: RunCommandCapability;
  runScript: RunScriptCapability;
  services: ServiceCapability;
  shell: ShellCapability;
  systemInfo: SystemInfoCapability;
}

export function capabilitiesFor(platform: NodeJS.Platform): Capabilities {
  const systemInfo = systemInfoCapabilityFor(platform);
  return {
    chat: chatCapabilityFor(platform, systemInfo),
    crashes: crashCapabilityFor(platform),
    eventLogs: eventLogCapabilityFor(platform),
    logStream: logStreamCapabilityFor(platform),
    files: filesCapabilityFor(platform),
    power: powerCapabilityFor(platform),
    processes: processCapabilityFor(platform),
    runCommand: runCommandCapabilityFor(platform),
    runScript: runScriptCapabilityFor(platform),
    services: serviceCapabilityFor(platform),
    shell: shellCapabilityFor(platform),
    systemInfo,
  };
}

/** What the agent process tells the handlers about itself. */
export interface AgentEnvironment {
  /** Installed as a service: `uninstall` removes the service and its folder. */
  service: boolean;
  /** Ends the process with the code the service manager restarts on (`restart-agent`). */
  restartAgent: () => void;
  /** Sends a message outside a command's reply (`action-result`). */
  report: (message: ActionResultMessage) => void;
}

export function commandHandlers(capabilities: Capabilities, { service, restartAgent, report }: AgentEnvironment): HandlerTable {
  return {
    ...processHandlers(capabilities.processes, capabilities.systemInfo),
    ...crashHandlers(capabilities.crashes),
    ...eventLogHandlers(capabilities.eventLogs),
    ...logStreamHandlers(capabilities.logStream),
    ...fileHandlers(capabilities.files),
    ...serviceHandlers(capabilities.services),
    ...runCommandHandlers(capabilities.runCommand),
    ...shellHandlers(capabilities.shell),
    ...chatHandlers(capabilities.chat),
    ...runScriptHandlers(capabilities.runScript),
    ...monitoringHandlers(),
    // Only the acknowledgement: the agent removes itself once the reply is on its way (agent.ts, main.ts).
    "invoke-action": deviceActionHandler({ power: capabilities.power, service, restartAgent, report }),
    uninstall: async () => ({ mode: service ? "service" : "files" }),
  };
}
