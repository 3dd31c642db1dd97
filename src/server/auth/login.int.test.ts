import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { auditLog, loginFailures, users } from "../db/schema";
import { AppError } from "../errors";
import { login } from "./login";
import { THROTTLE_RULES } from "./login-throttle";
import { resolveSession } from "./sessions";

let t: TestDatabase;
let totpSecret: string;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedUser(t.db, "alice", "operator", { password: "alice-password" });
  const bob = await seedUser(t.db, "bob", "viewer", { password: "bob-password", totp: true });
  totpSecret = new URL(bob.otpauthUri!).searchParams.get("secret")!;
});
afterAll(() => t.close());

const codeAt = (date: Date) => generate({ secret: totpSecret, epoch: Math.floor(date.getTime() / 1000) });
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as AppError);

describe("login", () => {
  it("creates a session that resolves to the user and role", async () => {
    const result = await login(t.db, { username: "alice", password: "alice-password", clientIp: "10.0.0.1" });
    expect(result).toMatchObject({ username: "alice", role: "operator" });
    expect(await resolveSession(t.db, result.sessionToken)).toMatchObject({ username: "alice", role: "operator" });
  });

  it("gives the same answer for an unknown user, a wrong password and a missing code", async () => {
    const answers = await Promise.all([
      failure(login(t.db, { username: "nobody", password: "x", clientIp: "10.0.0.2" })),
      failure(login(t.db, { username: "alice", password: "wrong", clientIp: "10.0.0.2" })),
      failure(login(t.db, { username: "bob", password: "bob-password", clientIp: "10.0.0.2" })),
    ]);
    for (const answer of answers) expect(answer).toMatchObject({ code: "UNAUTHORIZED", message: answers[0]!.message });
  });

  it("requires TOTP when enabled and refuses a code the second time", async () => {
    const now = new Date();
    const code = await codeAt(now);
    await expect(login(t.db, { username: "bob", password: "bob-password", totp: code, clientIp: "10.0.0.3" }, now)).resolves.toMatchObject({ username: "bob" });
    expect(await failure(login(t.db, { username: "bob", password: "bob-password", totp: code, clientIp: "10.0.0.3" }, now))).toMatchObject({ code: "UNAUTHORIZED" });
    const [bob] = await t.db.select().from(users).where(eq(users.username, "bob"));
    expect(bob?.totpLastStep).toBe(Math.floor(now.getTime() / 30_000));
  });

  it("audits successes and failures with the client address", async () => {
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.login"));
    expect(entries).toContainEqual(expect.objectContaining({ actor: "alice", success: true, clientIp: "10.0.0.1" }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: null, target: "nobody", success: false, clientIp: "10.0.0.2" }));
  });
});

describe("throttling", () => {
  it("blocks an address after repeated failures with a Retry-After, even for a right password", async () => {
    const now = new Date();
    for (let i = 0; i < THROTTLE_RULES.perAddress.limit; i++) {
      await failure(login(t.db, { username: `guess${i}`, password: "x", clientIp: "10.9.9.9" }, now));
    }
    const blocked = await failure(login(t.db, { username: "alice", password: "alice-password", clientIp: "10.9.9.9" }, now));
    expect(blocked).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(blocked!.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked!.retryAfterSeconds).toBeLessThanOrEqual(THROTTLE_RULES.perAddress.windowMs / 1000);
    // Another address is unaffected, and the window passing lifts the block.
    await expect(login(t.db, { username: "alice", password: "alice-password", clientIp: "10.9.9.10" }, now)).resolves.toBeTruthy();
    const later = new Date(now.getTime() + THROTTLE_RULES.perAddress.windowMs + 1000);
    await expect(login(t.db, { username: "alice", password: "alice-password", clientIp: "10.9.9.9" }, later)).resolves.toBeTruthy();
  });

  it("slows guessing of one username from many addresses, but not its owner's known address", async () => {
    await seedUser(t.db, "carol", "viewer", { password: "carol-password" });
    await login(t.db, { username: "carol", password: "carol-password", clientIp: "192.168.1.50" });
    const now = new Date();
    for (let i = 0; i < THROTTLE_RULES.perUsername.limit; i++) {
      await failure(login(t.db, { username: "carol", password: "nope", clientIp: `172.16.0.${i}` }, now));
    }
    expect(await failure(login(t.db, { username: "carol", password: "carol-password", clientIp: "172.16.1.1" }, now))).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(login(t.db, { username: "carol", password: "carol-password", clientIp: "192.168.1.50" }, now)).resolves.toMatchObject({ username: "carol" });
    // The lock ends when the window has passed: an attacker cannot keep a stranger out for long.
    const later = new Date(now.getTime() + THROTTLE_RULES.perUsername.windowMs + 1000);
    await expect(login(t.db, { username: "carol", password: "carol-password", clientIp: "172.16.1.1" }, later)).resolves.toBeTruthy();
  });

  it("does not count refused (throttled) attempts", async () => {
    const rows = await t.db.select().from(loginFailures).where(eq(loginFailures.clientIp, "10.9.9.9"));
    expect(rows).toHaveLength(THROTTLE_RULES.perAddress.limit);
  });
});
