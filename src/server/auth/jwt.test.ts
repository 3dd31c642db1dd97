import { randomUUID } from "node:crypto";
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { deriveJwtKey, signToken, verifyToken } from "./jwt";

const key = deriveJwtKey("a-test-auth-secret-of-at-least-32-chars");
const now = new Date("2026-03-01T12:00:00Z");
const claims = { userId: 7, typ: "access" as const, familyId: randomUUID(), jti: randomUUID() };
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe("JWT signing and verification", () => {
  it("returns the claims of a token it signed", async () => {
    const token = await signToken(key, claims, 900, now);
    expect(await verifyToken(key, token, "access", later(60))).toEqual({ ...claims, expiresAt: later(900) });
  });

  it("refuses a token of the other type, but accepts it as 'any'", async () => {
    const refresh = await signToken(key, { ...claims, typ: "refresh" }, 900, now);
    expect(await verifyToken(key, refresh, "access", now)).toBeNull();
    expect(await verifyToken(key, refresh, "any", now)).toMatchObject({ typ: "refresh" });
  });

  it("refuses a token from its expiry on", async () => {
    const token = await signToken(key, claims, 900, now);
    expect(await verifyToken(key, token, "access", later(899))).not.toBeNull();
    expect(await verifyToken(key, token, "access", later(900))).toBeNull();
  });

  it("refuses a tampered signature or payload, and another key's token", async () => {
    const token = await signToken(key, claims, 900, now);
    const [header, payload, signature] = token.split(".");
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith("AA") ? "BB" : "AA"}`;
    const otherUser = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), sub: "1" })).toString("base64url");
    expect(await verifyToken(key, `${header}.${payload}.${flipped}`, "access", now)).toBeNull();
    expect(await verifyToken(key, `${header}.${otherUser}.${signature}`, "access", now)).toBeNull();
    expect(await verifyToken(deriveJwtKey("another-secret-of-at-least-32-characters"), token, "access", now)).toBeNull();
  });

  it("refuses unsigned tokens, other algorithms and malformed claims", async () => {
    const payload = { typ: "access", fid: claims.familyId };
    const unsigned = new UnsecuredJWT(payload).setSubject("7").setJti(claims.jti).setExpirationTime(later(900)).encode();
    const hs512 = await new SignJWT(payload).setProtectedHeader({ alg: "HS512" }).setSubject("7").setJti(claims.jti).setExpirationTime(later(900)).sign(key);
    const badSubject = await new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).setSubject("admin").setJti(claims.jti).setExpirationTime(later(900)).sign(key);
    for (const token of [unsigned, hs512, badSubject, "not-a-token", "a.b.c", "x".repeat(5000)]) {
      expect(await verifyToken(key, token, "any", now)).toBeNull();
    }
  });

  it("derives a key per secret that is not the secret itself", () => {
    const secret = "a-test-auth-secret-of-at-least-32-chars";
    expect(deriveJwtKey(secret)).toEqual(key);
    expect(deriveJwtKey(`${secret}!`)).not.toEqual(key);
    expect(Buffer.from(key).toString()).not.toContain(secret);
    expect(key).toHaveLength(32);
  });
});
