/**
 * The tables that tie every message type to its schema, per direction, and
 * the discriminated unions built from them. Adding a message means adding it
 * to its domain file and to one table here.
 */
import { z } from "zod";
import { actionCommands, actionResultMessage } from "./actions";
import { chatCommands, chatResponseMessage } from "./chat";
import { checkCommands } from "./checks";
import { commandResultMessage, gatewayErrorMessage } from "./envelope";
import { agentStreamEndMessage, fileStreamCommands, gatewayStreamEndMessage } from "./file-stream";
import { fileCommands } from "./files";
import { firewallCommands } from "./firewall";
import { enrolledMessage, helloAckMessage, helloMessage } from "./handshake";
import { healthCommands } from "./health";
import { agentUpdateAvailableMessage, agentUpdateStatusMessage, lifecycleCommands } from "./lifecycle";
import { logLinesMessage, logStreamCommands } from "./log-stream";
import { monitoringMetricsMessage } from "./metrics";
import { monitoringCommands } from "./monitoring";
import { processCommands } from "./processes";
import { runCommandCommands } from "./run-command";
import { screenCandidateMessage, screenCommands, screenListMessage } from "./screen";
import { scriptCommands, remediationResultMessage } from "./scripts";
import { serviceCommands } from "./services";
import { shellCommands, shellOutputMessage } from "./shell";
import { softwareCommands, softwareOperationResultMessage } from "./software";
import { updateCommands, updateInstallResultMessage } from "./updates";

/** Every server → agent command with the schema of its `command-result` result. */
export const commandTable = {
  ...processCommands,
  ...shellCommands,
  ...screenCommands,
  ...updateCommands,
  ...actionCommands,
  ...healthCommands,
  ...softwareCommands,
  ...serviceCommands,
  ...firewallCommands,
  ...fileCommands,
  ...fileStreamCommands,
  ...monitoringCommands,
  ...chatCommands,
  ...scriptCommands,
  ...lifecycleCommands,
  ...runCommandCommands,
  ...logStreamCommands,
  ...checkCommands,
};

export type CommandType = keyof typeof commandTable;
export const COMMAND_TYPES = Object.keys(commandTable) as CommandType[];

/** Gateway → agent messages that are not commands (no reply expected). */
export const gatewayMessageTable = {
  enrolled: enrolledMessage,
  "hello-ack": helloAckMessage,
  error: gatewayErrorMessage,
  "agent-update-available": agentUpdateAvailableMessage,
  "file-stream-end": gatewayStreamEndMessage,
};

/** Everything an agent may send. */
export const agentMessageTable = {
  hello: helloMessage,
  "command-result": commandResultMessage,
  "monitoring-metrics": monitoringMetricsMessage,
  "shell-output": shellOutputMessage,
  "log-lines": logLinesMessage,
  "screen-candidate": screenCandidateMessage,
  "screen-list": screenListMessage,
  "chat-response": chatResponseMessage,
  "action-result": actionResultMessage,
  "update-install-result": updateInstallResultMessage,
  "software-operation-result": softwareOperationResultMessage,
  "remediation-result": remediationResultMessage,
  "agent-update-status": agentUpdateStatusMessage,
  "file-stream-end": agentStreamEndMessage,
};

type CommandSchema = (typeof commandTable)[CommandType]["command"];
type GatewaySchema = (typeof gatewayMessageTable)[keyof typeof gatewayMessageTable];
type AgentSchema = (typeof agentMessageTable)[keyof typeof agentMessageTable];

const commandSchemas = Object.values(commandTable).map((entry) => entry.command);

export const serverCommand = z.discriminatedUnion("type", commandSchemas as [CommandSchema, ...CommandSchema[]]);

export const serverToAgentMessage = z.discriminatedUnion("type", [
  ...Object.values(gatewayMessageTable),
  ...commandSchemas,
] as [GatewaySchema | CommandSchema, ...(GatewaySchema | CommandSchema)[]]);

export const agentToServerMessage = z.discriminatedUnion(
  "type",
  Object.values(agentMessageTable) as [AgentSchema, ...AgentSchema[]],
);

export const SERVER_MESSAGE_TYPES: ReadonlySet<string> = new Set([...Object.keys(gatewayMessageTable), ...COMMAND_TYPES]);
export const AGENT_MESSAGE_TYPES: ReadonlySet<string> = new Set(Object.keys(agentMessageTable));

/** Command type → schema of the `result` of a successful `command-result`. */
export const commandResultSchemas = Object.fromEntries(
  Object.entries(commandTable).map(([type, entry]) => [type, entry.result]),
) as { [T in CommandType]: (typeof commandTable)[T]["result"] };

export type ServerCommand = z.infer<typeof serverCommand>;
export type ServerToAgentMessage = z.infer<typeof serverToAgentMessage>;
export type AgentToServerMessage = z.infer<typeof agentToServerMessage>;
/** A parsed command of one type (defaults applied). */
export type CommandOf<T extends CommandType> = Extract<ServerCommand, { type: T }>;
/** What a sender must provide for a command of one type (defaults optional). */
export type CommandInput<T extends CommandType> = z.input<(typeof commandTable)[T]["command"]>;
export type CommandResultOf<T extends CommandType> = z.output<(typeof commandTable)[T]["result"]>;
