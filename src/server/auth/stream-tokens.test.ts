/** Stream tokens: good for one agent, one stream and 60 seconds, and nothing else. */
import { describe, expect, it } from "vitest";
import { deriveStreamTokenKey, signStreamToken, STREAM_TOKEN_SECONDS, verifyStreamToken } from "./stream-tokens";
import { deriveJwtKey } from "./jwt";

const key = deriveStreamTokenKey("a".repeat(48));
const now = new Date("2026-03-01T10:00:00.000Z");
const claims = { userId: 7, via: "session" as const, agentId: "agent-1", stream: "metrics" as const };

describe("stream tokens", () => {
  it("verify for their agent and stream until they expire", () => {
    const { token, expiresAt } = signStreamToken(key, claims, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(STREAM_TOKEN_SECONDS * 1000);
    expect(verifyStreamToken(key, token, { agentId: "agent-1", stream: "metrics" }, new Date(now.getTime() + 59_000))).toEqual({ ...claims, expiresAt });
    expect(verifyStreamToken(key, token, { agentId: "agent-1", stream: "metrics" }, expiresAt)).toBeNull();
  });

  it("are refused for another agent, another stream, another key, or when altered", () => {
    const { token } = signStreamToken(key, { ...claims, apiKeyId: "5f0c1a9e-2b4d-4e6f-8a1b-3c5d7e9f0a2b", via: "api-key" }, now);
    const expected = { agentId: "agent-1", stream: "metrics" } as const;
    expect(verifyStreamToken(key, token, expected, now)).toMatchObject({ apiKeyId: "5f0c1a9e-2b4d-4e6f-8a1b-3c5d7e9f0a2b", via: "api-key" });
    expect(verifyStreamToken(key, token, { ...expected, agentId: "agent-2" }, now)).toBeNull();
    expect(verifyStreamToken(key, token, { ...expected, stream: "logs" }, now)).toBeNull();
    expect(verifyStreamToken(deriveStreamTokenKey("b".repeat(48)), token, expected, now)).toBeNull();
    const [prefix, payload, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), a: "agent-2" })).toString("base64url");
    expect(verifyStreamToken(key, `${prefix}.${forged}.${signature}`, { ...expected, agentId: "agent-2" }, now)).toBeNull();
    expect(verifyStreamToken(key, `${token}.x`, expected, now)).toBeNull();
    expect(verifyStreamToken(key, "not a token", expected, now)).toBeNull();
  });

  it("are signed with a key of their own, not the JWT key", () => {
    expect(Buffer.compare(key, Buffer.from(deriveJwtKey("a".repeat(48))))).not.toBe(0);
  });
});
