/**
 * Errors as forms show them: a summary line plus one message per input field. Both the server's
 * answer (tRPC error `data.details`) and the same zod schema run in the browser end up here.
 */
import { TRPCClientError } from "@trpc/client";
import type { ZodError } from "zod";
import type { AppRouter } from "@/server/routers";
import { zodIssuesToFields } from "@/server/validation";
import type { FieldIssue } from "@/server/errors";

export type FormError = { message: string; fields: Record<string, string> };

const CORRECT_FIELDS = "Please correct the highlighted fields.";

function fromIssues(issues: FieldIssue[], message: string): FormError {
  const fields: Record<string, string> = {};
  // The first message per field is the one to fix first; zod lists them in that order.
  for (const issue of issues) fields[issue.field] ??= issue.message;
  return { message, fields };
}

export function fromZodError(error: ZodError): FormError {
  return fromIssues(zodIssuesToFields(error), CORRECT_FIELDS);
}

export function toFormError(error: unknown): FormError {
  if (error instanceof TRPCClientError) {
    const { data } = error as TRPCClientError<AppRouter>;
    // A validation error's own message is zod's raw dump; any other error (a 409 "already
    // exists", a 403) is a sentence written for people and goes on top as it is.
    return fromIssues(data?.details ?? [], data?.code === "BAD_REQUEST" ? CORRECT_FIELDS : error.message);
  }
  return { message: "The server could not be reached. Check your connection and try again.", fields: {} };
}
