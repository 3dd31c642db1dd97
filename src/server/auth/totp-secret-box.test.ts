import { describe, expect, it } from "vitest";
import { deriveTotpKey, isSealedTotpSecret, openTotpSecret, sealTotpSecret, UnreadableTotpSecret } from "./totp-secret-box";

const key = deriveTotpKey("a".repeat(48));
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** Flips one bit of the byte at `index` of the base64url part `part` (1: iv, 2: ciphertext and tag). */
function tamper(stored: string, part: 1 | 2, index: number): string {
  const parts = stored.split(":");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[index]! ^= 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(":");
}

describe("TOTP secrets at rest", () => {
  it("round-trips, with a fresh IV each time and no trace of the secret in the stored value", () => {
    const first = sealTotpSecret(secret, key);
    const second = sealTotpSecret(secret, key);
    expect(first).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    expect(isSealedTotpSecret(first)).toBe(true);
    expect(isSealedTotpSecret(secret)).toBe(false);
    expect(openTotpSecret(first, key)).toBe(secret);
    expect(openTotpSecret(second, key)).toBe(secret);
  });

  it("refuses a value altered in its IV, ciphertext or tag", () => {
    const stored = sealTotpSecret(secret, key);
    const sealedLength = Buffer.from(stored.split(":")[2]!, "base64url").length;
    for (const altered of [tamper(stored, 1, 0), tamper(stored, 2, 0), tamper(stored, 2, sealedLength - 1)]) {
      expect(() => openTotpSecret(altered, key)).toThrow(UnreadableTotpSecret);
    }
  });

  it("refuses a value sealed under another AUTH_SECRET", () => {
    const stored = sealTotpSecret(secret, deriveTotpKey("b".repeat(48)));
    expect(() => openTotpSecret(stored, key)).toThrow(UnreadableTotpSecret);
  });

  it("refuses a secret in clear and malformed values rather than using them", () => {
    for (const stored of [secret, "v1:", "v1:abc", "v1:AAAAAAAAAAAAAAAA:", `${sealTotpSecret(secret, key)}:extra`]) {
      expect(() => openTotpSecret(stored, key)).toThrow(UnreadableTotpSecret);
    }
  });

  it("derives a key of its own: not the raw secret, and different per secret", () => {
    expect(key).toHaveLength(32);
    expect(key.equals(Buffer.from("a".repeat(32)))).toBe(false);
    expect(key.equals(deriveTotpKey("b".repeat(48)))).toBe(false);
  });
});
