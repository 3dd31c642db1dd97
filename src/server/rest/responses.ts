/** JSON answers of the REST surface, including the one error shape: `{ error, details }`. */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { AppError, appErrorCodes, type FieldIssue } from "../errors";
import { zodIssuesToFields } from "../validation";

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { ...init, headers });
}

export function errorJson(status: number, error: string, details?: FieldIssue[], headers?: HeadersInit): Response {
  return json(details ? { error, details } : { error }, { status, headers });
}

/** Maps anything a procedure or service threw to a response, using the one error table. */
export function errorResponse(error: unknown): Response {
  const cause = error instanceof TRPCError ? error.cause : error;
  if (cause instanceof AppError) {
    const headers = cause.retryAfterSeconds ? { "retry-after": String(cause.retryAfterSeconds) } : undefined;
    return errorJson(appErrorCodes[cause.code].http, cause.message, cause.details, headers);
  }
  if (cause instanceof ZodError) return errorJson(400, "Invalid request", zodIssuesToFields(cause));
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
    return errorJson(getHTTPStatusCodeFromError(error), error.message);
  }
  console.error("[rest] unexpected error:", error);
  return errorJson(500, "Internal server error");
}

/** Reads a JSON body; malformed JSON is a 400 that names the body. */
export async function readJsonBody(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const text = await request.text();
  if (text.trim() === "") return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch (error) {
    return { ok: false, response: errorJson(400, "Malformed JSON body", [{ field: "body", message: (error as Error).message }]) };
  }
}
