import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { auditLog, users } from "../db/schema";
import { ensureFirstAdmin } from "./users";

let t: TestDatabase;
let admin: ReturnType<typeof callerAs>;
beforeAll(async () => {
  t = await createTestDatabase();
  expect(await ensureFirstAdmin(t.db, { username: "root", password: "configured-password" })).toEqual({ created: true });
  admin = callerAs(t.db, await actorFor(t.db, "root"));
});
afterAll(() => t.close());

describe("users", () => {
  it("creates the first admin only while the table is empty", async () => {
    expect(await ensureFirstAdmin(t.db, { username: "second" })).toEqual({ created: false });
    const [row] = await t.db.select().from(users).where(eq(users.username, "root"));
    expect(row?.role).toBe("admin");
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("returns the otpauth URI once, and lists users without secrets", async () => {
    const created = await admin.users.create({ username: "tina", password: "tina-password", role: "operator", totp: true });
    expect(created.otpauthUri).toMatch(/^otpauth:\/\/totp\/RMM:tina\?/);
    const listed = await admin.users.list();
    const tina = listed.find((user) => user.username === "tina");
    expect(tina).toEqual({ username: "tina", role: "operator", createdAt: expect.any(String), totpEnabled: true, disabled: false, lastSignInAt: null, clientIds: null });
    expect(JSON.stringify(listed)).not.toMatch(/argon2|secret|otpauth/i);
  });

  it("refuses a duplicate username (any case) with CONFLICT and writes nothing", async () => {
    await seedUser(t.db, "dupe", "viewer");
    const before = await t.db.select({ value: count() }).from(auditLog);
    await expect(admin.users.create({ username: "DUPE", password: "whatever1", role: "admin" })).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await t.db.select({ value: count() }).from(auditLog);
    expect(after[0]?.value).toBe(before[0]?.value);
    const [row] = await t.db.select().from(users).where(eq(users.username, "dupe"));
    expect(row?.role).toBe("viewer");
  });

  it("audits user creation with the actor", async () => {
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.create"));
    expect(entries.find((entry) => entry.target === "tina")).toMatchObject({ actor: "root", details: { role: "operator", totp: true } });
  });

  it("generates a strong password when none is configured", async () => {
    const fresh = await (await import("../../test/test-db")).createTestDatabase();
    try {
      const outcome = await ensureFirstAdmin(fresh.db, { username: "admin" });
      expect(outcome.created && outcome.generatedPassword && outcome.generatedPassword.length >= 20).toBeTruthy();
    } finally {
      await fresh.close();
    }
  });
});
