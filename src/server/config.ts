/**
 * Process configuration: the one place that reads process.env.
 *
 * Parsed once per process with zod; a bad value stops start-up with a message that names the
 * variable. The launcher (scripts/start.ts) resolves DATABASE_URL (embedded PostgreSQL) and
 * AUTH_SECRET (kept in the data folder) before it starts the web and gateway processes, so those
 * children always receive both.
 */
import { z } from "zod";

const port = z.coerce.number({ error: "must be a port number (1-65535)" }).int("must be a port number (1-65535)").min(1, "must be a port number (1-65535)").max(65535, "must be a port number (1-65535)");

export const configSchema = z.object({
  PORT: port.default(3000),
  GATEWAY_PORT: port.default(3001),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  RMM_DATA_DIR: z.string().trim().min(1).default("./.data"),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  /** The gateway URL agents are given, when it differs from PUBLIC_URL's host and GATEWAY_PORT (a proxy). */
  GATEWAY_PUBLIC_URL: z.url({ protocol: /^wss?$/, error: "must be a ws:// or wss:// URL" }).optional(),
  /**
   * Where the web process reaches this gateway's file relay (an internal address; see
   * docs/performance.md, "File transfer"). Each gateway announces its own.
   */
  GATEWAY_RELAY_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  RMM_ADMIN_USERNAME: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._@-]{1,64}$/, "1-64 letters, digits, '.', '_', '@' or '-'")
    .default("admin"),
  RMM_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").max(256).optional(),
  /** Pushover's message endpoint; changed only to point tests at a local receiver. */
  PUSHOVER_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("https://api.pushover.net/1/messages.json"),
  SSO_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /**
   * How long a gateway may go without a heartbeat before its agents are shown offline (it beats
   * three times per timeout). Web and gateway processes must agree, so both read it from here.
   */
  RMM_PRESENCE_TIMEOUT_MS: z.coerce
    .number({ error: "must be a number of milliseconds (1000-600000)" })
    .int("must be a number of milliseconds (1000-600000)")
    .min(1000, "must be a number of milliseconds (1000-600000)")
    .max(600_000, "must be a number of milliseconds (1000-600000)")
    .default(15_000),
  /** Audit entries older than this are deleted by the hourly cleanup. */
  AUDIT_RETENTION_DAYS: z.coerce
    .number({ error: "must be a whole number of days (at least 1)" })
    .int("must be a whole number of days (at least 1)")
    .min(1, "must be a whole number of days (at least 1)")
    .max(36_500, "must be at most 36500 days")
    .default(365),
  /** Agent self-update: hours between a release reaching the `pilot` ring and the `general` ring. */
  AGENT_UPDATE_DELAY_HOURS: z.coerce
    .number({ error: "must be a number of hours (0-8760)" })
    .min(0, "must be a number of hours (0-8760)")
    .max(8760, "must be a number of hours (0-8760)")
    .default(24),
  /** The largest file a multipart upload (`POST /api/agents/{id}/files`) may carry, in bytes; streamed, never held in memory. */
  FILE_UPLOAD_MAX_BYTES: z.coerce
    .number({ error: "must be a number of bytes (1024 or more)" })
    .int("must be a number of bytes (1024 or more)")
    .min(1024, "must be a number of bytes (1024 or more)")
    .max(64 * 1024 ** 3, "must be at most 64 GiB")
    .default(2 * 1024 ** 3),
  /** The largest JSON body of `POST /files/{agentId}/upload` (base64 data, read whole), in bytes. */
  FILE_UPLOAD_JSON_MAX_BYTES: z.coerce
    .number({ error: "must be a number of bytes (1024 or more)" })
    .int("must be a number of bytes (1024 or more)")
    .min(1024, "must be a number of bytes (1024 or more)")
    .max(1024 ** 3, "must be at most 1 GiB")
    .default(64 * 1024 ** 2),
  /** Set when a reverse proxy in front of the web server supplies X-Forwarded-For. */
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((value) => value === "1" || value === "true"),
});

export type Config = z.infer<typeof configSchema> & { publicUrl: string; gatewayRelayUrl: string };

/** The gateway's own address on its port: loopback when it listens everywhere (the web process usually runs beside it). */
function defaultRelayUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}

export class ConfigError extends Error {}

/** Parses an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "not set", as shells and .env files commonly produce them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const config = result.data;
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");
  const gatewayRelayUrl = (config.GATEWAY_RELAY_URL ?? defaultRelayUrl(config.HOST, config.GATEWAY_PORT)).replace(/\/+$/, "");
  return { ...config, publicUrl, gatewayRelayUrl };
}

let cached: Config | undefined;

/** The configuration of this process (parsed on first use, then cached). */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For children of the launcher, where these two are always resolved. */
export function requireSetting<K extends "DATABASE_URL" | "AUTH_SECRET">(key: K): string {
  const value = getConfig()[key];
  if (!value) throw new ConfigError(`Invalid configuration:\n  ${key}: required in this process`);
  return value;
}
