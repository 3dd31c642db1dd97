// next-auth re-exports these classes; its own entry needs Next's runtime to load.
import { CallbackRouteError, CredentialsSignin } from "@auth/core/errors";
import { describe, expect, it } from "vitest";
import { logAuthError } from "./auth-logger";

class WrongPassword extends CredentialsSignin {
  code = "invalid";
}
class Throttled extends CredentialsSignin {
  code = "throttled";
}

describe("the sign-in form's error log", () => {
  it("prints nothing for a refused or throttled sign-in", () => {
    const printed: unknown[][] = [];
    logAuthError(new WrongPassword(), (...parts) => printed.push(parts));
    logAuthError(new Throttled(), (...parts) => printed.push(parts));
    expect(printed).toEqual([]);
  });

  it("reports anything else with the error that caused it, stack included", () => {
    const printed: unknown[][] = [];
    const database = new Error("connect ECONNREFUSED 127.0.0.1:5432");
    // What Auth.js throws when a provider fails unexpectedly.
    logAuthError(new CallbackRouteError("authorize failed", { cause: { err: database, provider: "credentials" } }), (...parts) => printed.push(parts));
    expect(printed).toEqual([["[auth] CallbackRouteError: authorize failed. Read more at https://errors.authjs.dev#callbackrouteerror", database]]);
    logAuthError(new TypeError("boom"), (...parts) => printed.push(parts));
    expect(printed[1]?.[1]).toBeInstanceOf(TypeError);
  });
});
