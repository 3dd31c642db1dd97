import { describe, expect, it } from "vitest";
import { createGroupInput } from "./groups";
import { createUserInput } from "./users";

describe("group names", () => {
  it("are trimmed and inner whitespace collapsed", () => {
    expect(createGroupInput.parse({ name: "  Berlin \t  Office  " })).toEqual({ name: "Berlin Office" });
  });

  it.each([[""], ["   "], ["x".repeat(65)], [42]])("refuse %j", (name) => {
    expect(createGroupInput.safeParse({ name }).success).toBe(false);
  });

  it("accept exactly 64 characters", () => {
    expect(createGroupInput.safeParse({ name: "x".repeat(64) }).success).toBe(true);
  });
});

describe("new users", () => {
  const valid = { username: "alice", password: "long enough", role: "operator" };

  it("accept a well-formed user", () => {
    expect(createUserInput.parse({ ...valid, totp: true })).toEqual({ ...valid, totp: true });
  });

  it.each([
    ["username", { ...valid, username: "" }],
    ["username", { ...valid, username: "a b" }],
    ["password", { ...valid, password: "short" }],
    ["role", { ...valid, role: "root" }],
    ["totp", { ...valid, totp: "yes" }],
  ])("refuse a bad %s", (field, input) => {
    const result = createUserInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it("refuse unknown fields", () => {
    expect(createUserInput.safeParse({ ...valid, isAdmin: true }).success).toBe(false);
  });
});
