import { describe, expect, it } from "vitest";
import { createApiKeyInput, revokeApiKeyInput } from "./api-keys";

describe("new API keys", () => {
  const valid = { name: "Backup integration", role: "viewer" };

  it("accept a name and role, expiring never or after whole days", () => {
    expect(createApiKeyInput.parse({ ...valid, name: "  Backup integration " })).toEqual(valid);
    expect(createApiKeyInput.parse({ ...valid, expiresInDays: null })).toEqual({ ...valid, expiresInDays: null });
    expect(createApiKeyInput.parse({ ...valid, expiresInDays: 90 })).toEqual({ ...valid, expiresInDays: 90 });
  });

  it.each([
    ["name", { ...valid, name: " " }],
    ["name", { ...valid, name: "x".repeat(101) }],
    ["role", { ...valid, role: "owner" }],
    ["expiresInDays", { ...valid, expiresInDays: 0 }],
    ["expiresInDays", { ...valid, expiresInDays: 1.5 }],
    ["expiresInDays", { ...valid, expiresInDays: 3651 }],
    ["expiresInDays", { ...valid, expiresInDays: "30" }],
  ])("refuse a bad %s", (field, input) => {
    const result = createApiKeyInput.safeParse(input);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it("refuse unknown fields and non-uuid ids", () => {
    expect(createApiKeyInput.safeParse({ ...valid, key: "mine" }).success).toBe(false);
    expect(revokeApiKeyInput.safeParse({ id: "42" }).success).toBe(false);
  });
});
