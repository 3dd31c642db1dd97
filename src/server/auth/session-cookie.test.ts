import { describe, expect, it } from "vitest";
import { decodeSessionCookie, encodeSessionCookie, readCookie } from "./session-cookie";

const secret = "a".repeat(40);

describe("session cookie", () => {
  it("carries the session token, readable only with the secret", async () => {
    const value = await encodeSessionCookie({ secret, username: "alice", sessionToken: "tok-123", maxAgeSeconds: 60 });
    expect(value).not.toContain("tok-123");
    expect(await decodeSessionCookie(secret, value)).toBe("tok-123");
    expect(await decodeSessionCookie("b".repeat(40), value)).toBeNull();
  });

  it("rejects tampered, empty and expired values", async () => {
    const value = await encodeSessionCookie({ secret, username: "alice", sessionToken: "tok", maxAgeSeconds: 60 });
    expect(await decodeSessionCookie(secret, `${value.slice(0, -4)}AAAA`)).toBeNull();
    expect(await decodeSessionCookie(secret, undefined)).toBeNull();
    const expired = await encodeSessionCookie({ secret, username: "alice", sessionToken: "tok", maxAgeSeconds: -60 });
    expect(await decodeSessionCookie(secret, expired)).toBeNull();
  });

  it("reads one cookie from a Cookie header", () => {
    expect(readCookie("a=1; rmm-session=xyz; b=2", "rmm-session")).toBe("xyz");
    expect(readCookie("a=1", "rmm-session")).toBeUndefined();
  });
});
