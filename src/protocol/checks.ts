/**
 * Checks the agent runs for the server (`run-check`): today `ping`, from the endpoint to a host.
 * The host is data, never a command line: a name or an address that cannot be read as an option,
 * validated here (server and agent both) and passed to `ping` as one argument.
 */
import { z } from "zod";
import { defineCommand, type CommandSpec } from "./envelope";

/** A DNS name, an IPv4 or an IPv6 address; never starts with `-`, so `ping` cannot take it for an option. */
export const pingHost = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)$/, "must be a host name or an IP address");


export const runCheckCommand = defineCommand("run-check", { check: z.literal("ping"), host: pingHost, count: z.number().int().min(1).max(10).optional() });

export const runCheckResult = z.object({
  /** The host answered at least once. */
  success: z.boolean(),
  /** Average round trip in milliseconds, when the host answered and the output said so. */
  averageMs: z.number().nonnegative().optional(),
  /** The tail of ping's output, for `more_info` when it failed. */
  output: z.string().max(4096),
});

export const checkCommands = {
  "run-check": { command: runCheckCommand, result: runCheckResult },
} satisfies Record<string, CommandSpec>;

export type RunCheckResult = z.infer<typeof runCheckResult>;
