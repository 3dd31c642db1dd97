/**
 * Whatever a route threw, as one neutral failure (status, machine code, message, field details)
 * that each surface then shapes into its own error body. Internal errors never reach a client:
 * they are logged with a request id, and the answer carries only that id. An unreachable database
 * is not an internal error but a 503 worth retrying (see db/availability.ts).
 */
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { databaseUnavailable, isDatabaseUnavailable } from "../db/availability";
import { AppError, appErrorCodes, type FieldIssue } from "../errors";
import { zodIssuesToFields } from "../validation";

export type ApiFailure = {
  status: number;
  /** Upper-case machine code, e.g. NOT_FOUND, VALIDATION_ERROR, AGENT_OFFLINE. */
  code: string;
  message: string;
  details?: FieldIssue[];
  retryAfterSeconds?: number;
  /** True for input validation failures (every 400; v1 answers them 422). */
  validation?: boolean;
};

export function toApiFailure(error: unknown, where: string): ApiFailure {
  const thrown = error instanceof TRPCError && error.cause ? error.cause : error;
  const cause = isDatabaseUnavailable(thrown) ? databaseUnavailable() : thrown;
  if (cause instanceof AppError) {
    if (cause.code === "BAD_REQUEST") return { status: 400, code: "VALIDATION_ERROR", message: cause.message, details: cause.details, validation: true };
    return { status: appErrorCodes[cause.code].http, code: cause.code, message: cause.message, details: cause.details, retryAfterSeconds: cause.retryAfterSeconds };
  }
  if (cause instanceof ZodError) return { status: 400, code: "VALIDATION_ERROR", message: "Invalid request", details: zodIssuesToFields(cause), validation: true };
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
    return { status: getHTTPStatusCodeFromError(error), code: error.code, message: error.message };
  }
  const requestId = randomUUID();
  console.error(`[api] ${where} failed (request ${requestId}):`, error);
  return { status: 500, code: "INTERNAL_ERROR", message: `Internal server error (request ${requestId})` };
}
