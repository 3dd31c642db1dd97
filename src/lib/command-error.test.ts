import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { describeCommandError } from "./command-error";

const TEXTS = { offline: "The device is offline.", notFound: "The process no longer exists." };

function serverError(httpStatus: number, message: string) {
  return TRPCClientError.from({ error: { code: -32600, message, data: { code: "X", httpStatus } } });
}

describe("describeCommandError", () => {
  it("uses the caller's words for an offline agent and a missing target", () => {
    expect(describeCommandError(serverError(503, "Agent 'pc' (a1) is offline"), TEXTS)).toEqual({ status: 503, message: "The device is offline." });
    expect(describeCommandError(serverError(404, "no such process"), TEXTS)).toEqual({ status: 404, message: "The process no longer exists." });
  });

  it("keeps the server's timeout message and adds what to do", () => {
    const text = describeCommandError(serverError(504, "Agent 'pc' (a1) did not answer 'kill-process' within 30 s"), TEXTS).message;
    expect(text).toMatch(/^Agent 'pc' \(a1\) did not answer 'kill-process' within 30 s\. /);
    expect(text).toMatch(/try again/);
  });

  it("passes any other server message through", () => {
    expect(describeCommandError(serverError(502, "Agent 'pc' (a1) could not run 'kill-process': access denied"), TEXTS).message).toMatch(/access denied$/);
    expect(describeCommandError(serverError(403, "Requires the operator role"), TEXTS)).toEqual({ status: 403, message: "Requires the operator role" });
  });

  it("explains a failure that never reached the server", () => {
    expect(describeCommandError(new TypeError("Failed to fetch"), TEXTS)).toMatchObject({ status: null, message: expect.stringMatching(/could not be reached/) });
  });
});
