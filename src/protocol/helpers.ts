/** Typed builders for the envelope, so callers never hand-assemble replies. */
import type { z } from "zod";
import type { CommandErrorCode, CommandResultMessage, GatewayErrorMessage } from "./envelope";
import {
  COMMAND_TYPES,
  commandResultSchemas,
  type CommandInput,
  type CommandResultOf,
  type CommandType,
} from "./messages";
import type { ProtocolError } from "./parse";

const commandTypes: ReadonlySet<string> = new Set(COMMAND_TYPES);

export function isCommandType(type: string): type is CommandType {
  return commandTypes.has(type);
}

/** Fields of a command other than its `type` and `commandId`, spread over union members. */
export type CommandPayload<T extends CommandType> =
  CommandInput<T> extends infer C ? (C extends unknown ? Omit<C, "type" | "commandId"> : never) : never;

/** Builds a command with a fresh uuid unless one is given (e.g. the database row's id). */
export function createCommand<T extends CommandType>(
  type: T,
  payload: CommandPayload<T>,
  commandId: string = crypto.randomUUID(),
): CommandInput<T> {
  return { ...payload, type, commandId } as CommandInput<T>;
}

/** The agent's success reply; the result's type follows the command's type. */
export function commandSucceeded<T extends CommandType>(
  command: { type: T; commandId: string },
  result: CommandResultOf<T>,
): CommandResultMessage {
  return { type: "command-result", commandId: command.commandId, ok: true, result };
}

export function commandFailed(commandId: string, code: CommandErrorCode, message: string): CommandResultMessage {
  return { type: "command-result", commandId, ok: false, error: { code, message } };
}

/** For the gateway: checks a success reply's `result` against the schema of the command it answers. */
export function parseCommandResult<T extends CommandType>(
  type: T,
  result: unknown,
): z.ZodSafeParseResult<CommandResultOf<T>> {
  // The table is indexed by a generic key, which TypeScript cannot narrow to one schema.
  const schema: z.ZodType = commandResultSchemas[type];
  return schema.safeParse(result) as z.ZodSafeParseResult<CommandResultOf<T>>;
}

/** The gateway's `error` reply to a message it could not parse. */
export function toGatewayError(error: ProtocolError): GatewayErrorMessage {
  const inReplyTo = error.commandId ?? error.messageType;
  return { type: "error", code: error.code, message: error.message, ...(inReplyTo ? { inReplyTo } : {}) };
}
