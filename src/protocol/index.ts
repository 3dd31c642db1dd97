/**
 * The agent ↔ gateway ↔ server control protocol: zod schemas of every
 * WebSocket message, the envelope, parsers and typed builders. Imported by
 * the server, the gateway and the agent; depends on nothing but zod.
 * Described for humans in docs/protocol.md.
 */
export * from "./actions";
export * from "./chat";
export * from "./checks";
export * from "./common";
export * from "./envelope";
export * from "./file-relay";
export * from "./file-stream";
export * from "./files";
export * from "./firewall";
export * from "./handshake";
export * from "./health";
export * from "./helpers";
export * from "./lifecycle";
export * from "./log-stream";
export * from "./messages";
export * from "./metrics";
export * from "./monitoring";
export * from "./parse";
export * from "./processes";
export * from "./run-command";
export * from "./screen";
export * from "./scripts";
export * from "./services";
export * from "./shell";
export * from "./software";
export * from "./stream-frames";
export * from "./stream-window";
export * from "./updates";
