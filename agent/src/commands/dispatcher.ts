/**
 * Runs server commands through their handlers and turns the outcome into
 * the serialized `command-result`, at most once per commandId. Every result
 * is checked against the protocol before it leaves the agent.
 */
import {
  commandFailed,
  commandSucceeded,
  parseCommandResult,
  type CommandOf,
  type CommandResultMessage,
  type CommandResultOf,
  type CommandType,
  type ProtocolError,
  type ServerCommand,
} from "../../../src/protocol";
import { CommandError } from "../command-error";
import { errorMessage } from "../util";
import type { CommandContext } from "./command-context";
import { ReplyCache } from "./reply-cache";

export type CommandHandler<T extends CommandType> = (command: CommandOf<T>, context: CommandContext) => Promise<CommandResultOf<T>>;
export type HandlerTable = { [T in CommandType]?: CommandHandler<T> };

/** The gateway closes a socket whose message exceeds its 16 MiB limit; fail the command instead. */
export const MAX_REPLY_BYTES = 16 * 1024 * 1024;

export interface DispatchOutcome {
  reply: Promise<string>;
  duplicate: boolean;
}

export class CommandDispatcher {
  constructor(
    private readonly handlers: HandlerTable,
    private readonly context: CommandContext,
    private readonly cache = new ReplyCache(),
  ) {}

  /** Command types this agent implements, announced in `hello`. */
  get features(): CommandType[] {
    return Object.keys(this.handlers) as CommandType[];
  }

  dispatch(command: ServerCommand): DispatchOutcome {
    return this.cache.getOrProduce(command.commandId, async () => serialize(await this.execute(command)));
  }

  /** The reply to a command that failed to parse but carried a commandId; null when there is nobody to answer. */
  rejectUnparsed(error: ProtocolError): string | null {
    if (!error.commandId) return null;
    const code = error.code === "unknown-type" ? "unsupported" : "invalid";
    return serialize(commandFailed(error.commandId, code, error.message));
  }

  private async execute(command: ServerCommand): Promise<CommandResultMessage> {
    // The table is keyed by type, so this handler accepts exactly this command.
    const handler = this.handlers[command.type] as CommandHandler<typeof command.type> | undefined;
    if (!handler) return commandFailed(command.commandId, "unsupported", `this agent does not implement ${command.type}`);
    try {
      const result = await handler(command as never, this.context);
      const checked = parseCommandResult(command.type, result);
      if (!checked.success) {
        return commandFailed(command.commandId, "failed", `agent produced an invalid ${command.type} result`);
      }
      return commandSucceeded(command, checked.data);
    } catch (error) {
      if (error instanceof CommandError) return commandFailed(command.commandId, error.code, error.message);
      return commandFailed(command.commandId, "failed", errorMessage(error));
    }
  }
}

function serialize(message: CommandResultMessage): string {
  const text = JSON.stringify(message);
  if (Buffer.byteLength(text) <= MAX_REPLY_BYTES) return text;
  return JSON.stringify(commandFailed(message.commandId, "failed", "result exceeds the 16 MiB message limit"));
}
