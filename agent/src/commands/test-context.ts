/** A command context for unit tests: emitted messages are collected, the log is silent. */
import { createLogger } from "../log";
import type { AgentEmission, CommandContext } from "./command-context";

export function testCommandContext(emitted: AgentEmission[] = [], signal = new AbortController().signal): CommandContext {
  return {
    emit: (message) => {
      emitted.push(message);
      return true;
    },
    signal,
    log: createLogger(() => {}),
  };
}
