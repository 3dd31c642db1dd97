import { describe, expect, it } from "vitest";
import { formatAgentAuthorization, parseAgentAuthorization } from "./handshake";

describe("agent authorization header", () => {
  it("round-trips an agent's credentials", () => {
    const credentials = { agentId: "3f2a-b1", agentSecret: "Zm9v_YmFy-123" };
    const header = formatAgentAuthorization(credentials);
    expect(header).toBe("Bearer 3f2a-b1.Zm9v_YmFy-123");
    expect(parseAgentAuthorization(header)).toEqual(credentials);
  });

  it.each([undefined, "", "Bearer", "Bearer abc", "Basic a.b", "Bearer a.b.c", "Bearer a.", "Bearer .b", "bearer a.b", "Bearer a+b.c"])(
    "rejects %j",
    (header) => {
      expect(parseAgentAuthorization(header)).toBeNull();
    },
  );
});
