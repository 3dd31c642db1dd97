import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveRelayTokenKey, RELAY_TOKEN_SECONDS, signRelayToken, verifyRelayToken } from "./relay-tokens";

const key = deriveRelayTokenKey("a".repeat(40));
const now = new Date("2026-01-01T00:00:00Z");

describe("relay tokens", () => {
  it("name the agent for exactly the transfer and direction they were signed for, until they expire", () => {
    const transferId = randomUUID();
    const token = signRelayToken(key, { transferId, agentId: "agent-1", direction: "download" }, now);
    expect(verifyRelayToken(key, token, { transferId, direction: "download" }, now)).toEqual({ agentId: "agent-1", expiresAt: new Date(now.getTime() + RELAY_TOKEN_SECONDS * 1000) });
    expect(verifyRelayToken(key, token, { transferId: randomUUID(), direction: "download" }, now)).toBeNull();
    expect(verifyRelayToken(key, token, { transferId, direction: "upload" }, now)).toBeNull();
    expect(verifyRelayToken(key, token, { transferId, direction: "download" }, new Date(now.getTime() + RELAY_TOKEN_SECONDS * 1000))).toBeNull();
  });

  it("are worthless under another AUTH_SECRET, altered, or malformed", () => {
    const transferId = randomUUID();
    const token = signRelayToken(key, { transferId, agentId: "agent-1", direction: "upload" }, now);
    const expected = { transferId, direction: "upload" } as const;
    expect(verifyRelayToken(deriveRelayTokenKey("b".repeat(40)), token, expected, now)).toBeNull();
    const [prefix, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ t: transferId, a: "agent-2", d: "upload", e: now.getTime() / 1000 + 60 })).toString("base64url");
    expect(verifyRelayToken(key, `${prefix}.${forged}.${signature}`, expected, now)).toBeNull();
    for (const bad of ["", "rt1", `${token}.x`, token.replace("rt1", "st1"), "x".repeat(2000)]) expect(verifyRelayToken(key, bad, expected, now)).toBeNull();
  });
});
