import { describe, expect, it } from "vitest";
import { generatePassword } from "./generate-password";

describe("generatePassword", () => {
  it("gives 20 characters without look-alikes, different each time", () => {
    const passwords = Array.from({ length: 50 }, () => generatePassword());
    for (const password of passwords) expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect(new Set(passwords).size).toBe(50);
  });

  it("skips bytes that would bias the alphabet", () => {
    // 57 letters: 228..255 are above the last full multiple and must be skipped, not wrapped.
    let call = 0;
    const random = (bytes: Uint8Array<ArrayBuffer>) => bytes.fill(call++ === 0 ? 255 : 0);
    expect(generatePassword(random)).toBe("A".repeat(20));
  });
});
