import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { checkTotp, generateTotpSecret, totpUri } from "./totp";

describe("TOTP", () => {
  it("accepts a current code and reports its time step", async () => {
    const secret = generateTotpSecret();
    const now = new Date();
    const code = await generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
    const result = await checkTotp(secret, code, null, now);
    expect(result).toEqual({ valid: true, timeStep: Math.floor(now.getTime() / 30_000) });
  });

  it("refuses the same code once its step has been used", async () => {
    const secret = generateTotpSecret();
    const now = new Date();
    const code = await generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
    const first = await checkTotp(secret, code, null, now);
    expect(first.valid).toBe(true);
    if (!first.valid) return;
    expect((await checkTotp(secret, code, first.timeStep, now)).valid).toBe(false);
  });

  it("refuses wrong, malformed and stale codes", async () => {
    const secret = generateTotpSecret();
    const now = new Date();
    const stale = await generate({ secret, epoch: Math.floor(now.getTime() / 1000) - 300 });
    expect((await checkTotp(secret, stale, null, now)).valid).toBe(false);
    expect((await checkTotp(secret, "12345", null, now)).valid).toBe(false);
    expect((await checkTotp(secret, "abcdef", null, now)).valid).toBe(false);
  });

  it("builds an otpauth URI with issuer and account", () => {
    expect(totpUri("alice", "JBSWY3DPEHPK3PXPJBSWY3DP")).toMatch(/^otpauth:\/\/totp\/RMM:alice\?.*secret=JBSWY3DPEHPK3PXPJBSWY3DP/);
  });
});
