/**
 * The error a command handler throws to choose the `command-result` error
 * code; anything else thrown becomes `failed`.
 */
import type { CommandErrorCode } from "../../src/protocol";

export class CommandError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CommandError";
  }
}
