/**
 * Domain errors and the one table that maps them to tRPC codes and HTTP statuses.
 * Services throw AppError; the tRPC layer and the REST adapter translate with this table.
 */
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

export const appErrorCodes = {
  BAD_REQUEST: { trpc: "BAD_REQUEST", http: 400 },
  UNAUTHORIZED: { trpc: "UNAUTHORIZED", http: 401 },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403 },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  CONFLICT: { trpc: "CONFLICT", http: 409 },
  PAYLOAD_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", http: 413 },
  UNSUPPORTED_MEDIA_TYPE: { trpc: "UNSUPPORTED_MEDIA_TYPE", http: 415 },
  TOO_MANY_REQUESTS: { trpc: "TOO_MANY_REQUESTS", http: 429 },
  /** The agent answered, but could not do it (its message says why). */
  AGENT_ERROR: { trpc: "BAD_GATEWAY", http: 502 },
  AGENT_OFFLINE: { trpc: "SERVICE_UNAVAILABLE", http: 503 },
  /** Something the server needs is missing (for example an agent build). */
  UNAVAILABLE: { trpc: "SERVICE_UNAVAILABLE", http: 503 },
  /** PostgreSQL is unreachable (restarting, down); the same request will work once it is back. */
  DATABASE_UNAVAILABLE: { trpc: "SERVICE_UNAVAILABLE", http: 503 },
  AGENT_TIMEOUT: { trpc: "GATEWAY_TIMEOUT", http: 504 },
} as const satisfies Record<string, { trpc: TRPC_ERROR_CODE_KEY; http: number }>;

export type AppErrorCode = keyof typeof appErrorCodes;

/** One problem with one input field, in the `details` of a 400 answer. */
export type FieldIssue = { field: string; message: string };

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details?: FieldIssue[];
  readonly retryAfterSeconds?: number;

  constructor(code: AppErrorCode, message: string, options: { details?: FieldIssue[]; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
