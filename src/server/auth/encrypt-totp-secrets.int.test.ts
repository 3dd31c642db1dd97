import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { users } from "../db/schema";
import { encryptPlainTotpSecrets } from "./encrypt-totp-secrets";
import { login } from "./login";
import { deriveTotpKey, getTotpKey, openTotpSecret, sealTotpSecret } from "./totp-secret-box";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const PLAIN_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const codeAt = (secret: string, date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000) });
const storedSecretOf = async (username: string) => (await t.db.select({ totpSecret: users.totpSecret }).from(users).where(eq(users.username, username)))[0]?.totpSecret;

describe("TOTP secrets at rest", () => {
  it("creates users with the secret sealed, and answers it in clear once", async () => {
    const created = await seedUser(t.db, "carol", "operator", { totp: true });
    const stored = await storedSecretOf("carol");
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(created.totpSecret);
    expect(openTotpSecret(stored!, getTotpKey())).toBe(created.totpSecret);
  });

  it("seals a secret an earlier version kept in clear, once, and signing in with TOTP still works", async () => {
    await seedUser(t.db, "dave", "viewer", { password: "dave-password" });
    await t.db.update(users).set({ totpSecret: PLAIN_SECRET }).where(eq(users.username, "dave"));
    const carolBefore = await storedSecretOf("carol");

    expect(await encryptPlainTotpSecrets(t.db)).toBe(1);
    const sealed = await storedSecretOf("dave");
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(PLAIN_SECRET);
    // Idempotent: a second start seals nothing and leaves sealed values as they are.
    expect(await encryptPlainTotpSecrets(t.db)).toBe(0);
    expect(await storedSecretOf("dave")).toBe(sealed);
    expect(await storedSecretOf("carol")).toBe(carolBefore);

    const now = new Date();
    await expect(login(t.db, { username: "dave", password: "dave-password", totp: await codeAt(PLAIN_SECRET, now), clientIp: "10.1.0.1" }, now)).resolves.toMatchObject({ username: "dave" });
  });

  it("refuses with the usual answer, and says why in the server log, when the secret was sealed under another AUTH_SECRET", async () => {
    await seedUser(t.db, "erin", "viewer", { password: "erin-password" });
    await t.db.update(users).set({ totpSecret: sealTotpSecret(PLAIN_SECRET, deriveTotpKey("another-auth-secret-of-32-characters!")) }).where(eq(users.username, "erin"));
    const serverLog = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const now = new Date();
      const attempt = login(t.db, { username: "erin", password: "erin-password", totp: await codeAt(PLAIN_SECRET, now), clientIp: "10.1.0.2" }, now);
      await expect(attempt).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Invalid username, password or one-time code" });
      expect(serverLog).toHaveBeenCalledWith(expect.stringMatching(/sign-in of 'erin' refused: .*cannot be decrypted: .*another AUTH_SECRET/));
    } finally {
      serverLog.mockRestore();
    }
  });
});
