/** A command context for unit tests: emitted messages are collected, the log is silent, streams go nowhere unless a channel is given. */
import { createLogger } from "../log";
import { StreamChannel } from "../streams/stream-channel";
import type { AgentEmission, CommandContext } from "./command-context";

const unconnected = { sendFrame: () => false, sendEnd: () => false };

export function testCommandContext(emitted: AgentEmission[] = [], signal = new AbortController().signal, streams?: StreamChannel): CommandContext {
  const log = createLogger(() => {});
  return {
    emit: (message) => {
      emitted.push(message);
      return true;
    },
    streams: streams ?? new StreamChannel(unconnected, log),
    signal,
    log,
  };
}
