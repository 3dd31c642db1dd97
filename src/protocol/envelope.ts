/**
 * The envelope every control message shares: the `commandId` carried by
 * server→agent commands, the `command-result` reply, the gateway's `error`
 * message, their error codes, and the builders that give every message its
 * literal `type`.
 */
import { z } from "zod";

/** Correlates a command with its reply and makes re-delivery idempotent. */
export const commandId = z.uuid();

/** Why an agent could not carry out a command. */
export const commandErrorCode = z.enum([
  "unsupported", // the agent does not implement this command (or not on this platform)
  "invalid", // the command did not match its schema
  "not-found", // the target (process, service, file, ...) does not exist
  "denied", // the OS or the agent's own policy refused
  "failed", // anything else went wrong while executing
  "timeout", // the operation did not finish in time on the agent
  "exists", // the target exists and the command did not ask to replace it (an upload without overwrite)
]);

export const commandError = z.object({
  code: commandErrorCode,
  message: z.string().max(4096),
});

const resultBase = { type: z.literal("command-result"), commandId };

/** The agent's single reply to every command; `result` is checked per command type. */
export const commandResultMessage = z.discriminatedUnion("ok", [
  z.object({ ...resultBase, ok: z.literal(true), result: z.unknown() }),
  z.object({ ...resultBase, ok: z.literal(false), error: commandError }),
]);

/** Why the gateway rejected a message it received (the socket stays open). */
export const gatewayErrorCode = z.enum([
  "malformed", // not JSON, or not an object with a string `type`
  "unknown-type", // `type` is not a message this direction carries
  "invalid", // known type, wrong shape
  "rate-limited", // too many messages; this one was dropped
  "not-ready", // sent before the handshake finished
  "internal", // the gateway failed to process a valid message
]);

export const gatewayErrorMessage = z.object({
  type: z.literal("error"),
  code: gatewayErrorCode,
  message: z.string().max(4096),
  /** The offending message's commandId when it had one, else its type. */
  inReplyTo: z.string().max(128).optional(),
});

/** A server→agent command: literal `type`, a `commandId`, then its own fields. */
export function defineCommand<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ type: z.literal(type), commandId, ...shape });
}

/** Any other message: literal `type` plus its fields. */
export function defineMessage<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ type: z.literal(type), ...shape });
}

/** One row of the command table: the command's schema and the schema of its `result`. */
export interface CommandSpec {
  command: z.ZodType<{ type: string; commandId: string }>;
  result: z.ZodType;
}

export type CommandError = z.infer<typeof commandError>;
export type CommandErrorCode = z.infer<typeof commandErrorCode>;
export type CommandResultMessage = z.infer<typeof commandResultMessage>;
export type GatewayErrorCode = z.infer<typeof gatewayErrorCode>;
export type GatewayErrorMessage = z.infer<typeof gatewayErrorMessage>;
