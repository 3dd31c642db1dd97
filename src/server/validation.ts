/** Turns zod issues into the `details` of a 400 answer: one entry per field, named by its path. */
import type { ZodError } from "zod";
import type { FieldIssue } from "./errors";

export function zodIssuesToFields(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join(".") : "body",
    message: issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message,
  }));
}
