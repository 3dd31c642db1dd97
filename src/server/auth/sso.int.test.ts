import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { sessions } from "../db/schema";
import { resolveSession } from "./sessions";
import { signSso, ssoLogin, SSO_MAX_SKEW_MS } from "./sso";

const secret = "sso-secret-for-tests-0123456789";
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedUser(t.db, "dora", "operator");
});
afterAll(() => t.close());

const link = (username: string, ts: number, key = secret) => ({ username, ts: String(ts), sig: signSso(key, username, ts), clientIp: "10.1.1.1" });

describe("single sign-on", () => {
  it("signs in for five minutes", async () => {
    const now = new Date();
    const result = await ssoLogin(t.db, secret, link("dora", now.getTime()), now);
    expect(result).toMatchObject({ username: "dora", role: "operator", maxAgeSeconds: 300 });
    expect(await resolveSession(t.db, result.sessionToken, new Date(now.getTime() + 299_000))).toMatchObject({ username: "dora", via: "sso" });
    expect(await resolveSession(t.db, result.sessionToken, new Date(now.getTime() + 301_000))).toBeNull();
  });

  it("accepts each signature only once", async () => {
    const now = new Date();
    const input = link("dora", now.getTime() - 1000);
    await ssoLogin(t.db, secret, input, now);
    await expect(ssoLogin(t.db, secret, input, now)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses timestamps outside five minutes, wrong keys, tampered names and unknown users", async () => {
    const now = new Date();
    const before = await t.db.select().from(sessions);
    await expect(ssoLogin(t.db, secret, link("dora", now.getTime() - SSO_MAX_SKEW_MS - 1000), now)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(ssoLogin(t.db, secret, link("dora", now.getTime() + SSO_MAX_SKEW_MS + 1000), now)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(ssoLogin(t.db, secret, link("dora", now.getTime(), "another-secret-entirely-000"), now)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(ssoLogin(t.db, secret, { ...link("dora", now.getTime()), username: "admin" }, now)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(ssoLogin(t.db, secret, link("ghost", now.getTime()), now)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(ssoLogin(t.db, secret, { ...link("dora", now.getTime()), sig: "zz" }, now)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await t.db.select().from(sessions)).toHaveLength(before.length);
  });

  it("stores nothing but the hash of the session token", async () => {
    const now = new Date();
    const result = await ssoLogin(t.db, secret, link("dora", now.getTime() - 2000), now);
    const rows = await t.db.select().from(sessions).where(eq(sessions.kind, "sso"));
    expect(rows.some((row) => row.tokenHash === result.sessionToken)).toBe(false);
  });
});
