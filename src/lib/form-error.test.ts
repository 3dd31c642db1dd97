import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { createUserInput } from "@/server/contracts/users";
import { fromZodError, toFormError } from "./form-error";

function serverError(code: string, message: string, details?: { field: string; message: string }[]) {
  return TRPCClientError.from({ error: { code: -32600, message, data: { code, httpStatus: 400, details } } });
}

describe("fromZodError", () => {
  it("keys the schema's messages by field, as the server would", () => {
    const result = createUserInput.safeParse({ username: "bad name", password: "short", role: "viewer" });
    if (result.success) throw new Error("expected a validation failure");
    const error = fromZodError(result.error);
    expect(error.fields).toEqual({ username: "may contain only letters, digits, '.', '_', '@' and '-'", password: "must be at least 8 characters" });
  });
});

describe("toFormError", () => {
  it("shows each field's first message and a generic summary for validation errors", () => {
    const error = toFormError(
      serverError("BAD_REQUEST", "[raw zod dump]", [
        { field: "name", message: "must not be empty" },
        { field: "name", message: "second complaint" },
      ]),
    );
    expect(error).toEqual({ message: "Please correct the highlighted fields.", fields: { name: "must not be empty" } });
  });

  it("keeps the server's sentence for other errors", () => {
    const error = toFormError(serverError("CONFLICT", "User 'ann' already exists", [{ field: "username", message: "is already taken" }]));
    expect(error.message).toBe("User 'ann' already exists");
    expect(error.fields.username).toBe("is already taken");
  });

  it("explains a failure that never reached the server", () => {
    expect(toFormError(new TypeError("Failed to fetch")).message).toMatch(/could not be reached/);
  });
});
