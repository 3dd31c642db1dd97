/**
 * What the processes do while PostgreSQL is away: how soon every connection retries, and which
 * errors mean "the database is unreachable" (a 503 the client may retry) rather than a bug (a 500).
 *
 * postgres.js's own reconnect backoff grows to 10-20 s after a handful of failed attempts, so after
 * a ten-second outage the first queries waited that long once the server was back. Ours starts at
 * 100-200 ms and is capped at 0.5-1 s, so every pool and the LISTEN connection are back within
 * about a second of the server, however long it was gone; a loopback connect attempt costs nothing.
 */
import { DrizzleQueryError } from "drizzle-orm/errors";
import { AppError } from "../errors";

const FIRST_RETRY_SECONDS = 0.1;
const MAX_RETRY_SECONDS = 1;

/**
 * The `backoff` option of postgres.js: seconds before reconnect attempt number `retries` (0 after
 * a clean close, then 1, 2, ... while attempts keep failing). Jittered, so a fleet of processes
 * does not reconnect in lockstep.
 */
export function reconnectBackoffSeconds(retries: number, random: () => number = Math.random): number {
  const ceiling = retries <= 0 ? FIRST_RETRY_SECONDS / 10 : Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** retries);
  return ceiling * (0.5 + random() / 2);
}

/** Socket errors of a server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
/** postgres.js's own connection errors. */
const DRIVER_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);
/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 57P01-57P03
 * (admin_shutdown, crash_shutdown, cannot_connect_now: shutting down or starting up), 53300
 * (too_many_connections).
 */
const SERVER_STATES = /^(08...|57P0[1-3]|53300)$/;

/**
 * True when `error` is the driver saying PostgreSQL is unreachable, as thrown by a query (drizzle
 * wraps it, naming the query) or a transaction (unwrapped). Other causes are not followed: a
 * refused connection inside a failed `fetch` to some other service is not a database outage.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driverError = error instanceof DrizzleQueryError ? error.cause : error;
  const code = driverError instanceof Error ? (driverError as { code?: unknown }).code : undefined;
  return typeof code === "string" && (NETWORK_CODES.has(code) || DRIVER_CODES.has(code) || SERVER_STATES.test(code));
}

/** What a client is told while the database is unreachable: a 503 worth retrying in a moment. */
export function databaseUnavailable(): AppError {
  return new AppError("DATABASE_UNAVAILABLE", "Database unavailable, try again shortly", { retryAfterSeconds: 2 });
}
