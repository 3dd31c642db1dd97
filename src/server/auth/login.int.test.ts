import { and, asc, count, eq, sql } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { auditLog, sessions, users } from "../db/schema";
import { AppError } from "../errors";
import { login, verifyLogin } from "./login";
import { THROTTLE_RULES } from "./login-throttle";
import { resolveSession } from "./sessions";
import { THROTTLED_SUMMARY_SECONDS } from "./throttled-login-audit";

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
  const { perAddress, perUsername } = THROTTLE_RULES;
  // The windows run on the process clock; only Date is faked, so the database and timers run as usual.
  const at = (time: number) => vi.setSystemTime(time);
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"] }));
  afterEach(() => vi.useRealTimers());

  it("blocks an address after repeated failures with a Retry-After, even for a right password, until the window ends", async () => {
    const start = Date.now();
    at(start);
    for (let i = 0; i < perAddress.points; i++) {
      expect(await failure(login(t.db, { username: `guess${i}`, password: "x", clientIp: "10.9.9.9" }))).toMatchObject({ code: "UNAUTHORIZED" });
    }
    const blocked = await failure(login(t.db, { username: "alice", password: "alice-password", clientIp: "10.9.9.9" }));
    expect(blocked).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSeconds: perAddress.durationSeconds });
    // Another address is unaffected.
    await expect(login(t.db, { username: "alice", password: "alice-password", clientIp: "10.9.9.10" })).resolves.toBeTruthy();
    // Hammering a minute before the end does not push the end back.
    at(start + (perAddress.durationSeconds - 60) * 1000);
    for (let i = 0; i < 10; i++) {
      expect(await failure(login(t.db, { username: "alice", password: "x", clientIp: "10.9.9.9" }))).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSeconds: 60 });
    }
    at(start + perAddress.durationSeconds * 1000 + 1);
    await expect(login(t.db, { username: "alice", password: "alice-password", clientIp: "10.9.9.9" })).resolves.toMatchObject({ username: "alice" });
  });

  it("evaluates at most 20 of 60 simultaneous wrong passwords from one address; the rest get 429 with Retry-After", async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => failure(login(t.db, { username: `parallel${i}`, password: "wrong", clientIp: "10.8.8.8" }))),
    );
    const evaluated = answers.filter((answer) => answer?.code === "UNAUTHORIZED");
    const throttled = answers.filter((answer) => answer?.code === "TOO_MANY_REQUESTS");
    expect(evaluated).toHaveLength(perAddress.points);
    expect(throttled).toHaveLength(60 - perAddress.points);
    for (const answer of throttled) {
      expect(answer!.retryAfterSeconds).toBeGreaterThan(0);
      expect(answer!.retryAfterSeconds).toBeLessThanOrEqual(perAddress.durationSeconds);
    }
  });

  it("evaluates at most 10 simultaneous guesses of one username from many addresses", async () => {
    await seedUser(t.db, "dave", "viewer", { password: "dave-password" });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => failure(login(t.db, { username: "dave", password: "wrong", clientIp: `172.20.0.${i}` }))),
    );
    expect(answers.filter((answer) => answer?.code === "UNAUTHORIZED")).toHaveLength(perUsername.points);
    expect(answers.filter((answer) => answer?.code === "TOO_MANY_REQUESTS")).toHaveLength(30 - perUsername.points);
  });

  it("slows guessing of one username from many addresses, but not its owner's known address", async () => {
    await seedUser(t.db, "carol", "viewer", { password: "carol-password" });
    await login(t.db, { username: "carol", password: "carol-password", clientIp: "192.168.1.50" });
    const start = Date.now();
    at(start);
    for (let i = 0; i < perUsername.points; i++) {
      await failure(login(t.db, { username: "carol", password: "nope", clientIp: `172.16.0.${i}` }));
    }
    // Refused by the username rule many times: that does not count against the stranger's address.
    for (let i = 0; i < perAddress.points + 5; i++) {
      expect(await failure(login(t.db, { username: "carol", password: "carol-password", clientIp: "172.16.1.1" }))).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    }
    await expect(login(t.db, { username: "carol", password: "carol-password", clientIp: "192.168.1.50" })).resolves.toMatchObject({ username: "carol" });
    // The lock ends when the window has passed: an attacker cannot keep a stranger out for long.
    at(start + perUsername.durationSeconds * 1000 + 1);
    await expect(login(t.db, { username: "carol", password: "carol-password", clientIp: "172.16.1.1" })).resolves.toMatchObject({ username: "carol" });
  });

  it("audits throttled attempts as one entry per address and username per window, with their count", async () => {
    const address = "10.5.5.5";
    const attempt = (username: string) => failure(login(t.db, { username, password: "x", clientIp: address }));
    const throttledEntries = () =>
      t.db
        .select({ target: auditLog.target, details: auditLog.details })
        .from(auditLog)
        .where(and(eq(auditLog.clientIp, address), sql`${auditLog.details} ->> 'reason' = 'throttled'`))
        .orderBy(asc(auditLog.id));
    const start = Date.now();
    at(start);
    for (let i = 0; i < perAddress.points; i++) await attempt(`guess${i}`);
    // Simultaneous first attempts make one entry, not one each.
    const burst = await Promise.all(Array.from({ length: 20 }, () => attempt("mallory")));
    expect(burst.every((answer) => answer?.code === "TOO_MANY_REQUESTS")).toBe(true);
    at(start + 60_000);
    for (let i = 0; i < 10; i++) expect(await attempt("Mallory")).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await attempt("trent");
    expect(await throttledEntries()).toEqual([
      { target: "mallory", details: { reason: "throttled", attempts: 30, firstAt: new Date(start).toISOString(), lastAt: new Date(start + 60_000).toISOString() } },
      { target: "trent", details: { reason: "throttled", attempts: 1, firstAt: new Date(start + 60_000).toISOString(), lastAt: new Date(start + 60_000).toISOString() } },
    ]);

    // The next lock, after the window, gets an entry of its own.
    const later = start + THROTTLED_SUMMARY_SECONDS * 1000 + 1;
    at(later);
    for (let i = 0; i < perAddress.points; i++) await attempt(`guess${i}`);
    expect(await attempt("mallory")).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect((await throttledEntries()).map((entry) => [entry.target, entry.details?.attempts])).toEqual([["mallory", 30], ["trent", 1], ["mallory", 1]]);
  });

  it("does not count a successful sign-in as a failure", async () => {
    for (let i = 0; i < perAddress.points - 1; i++) await failure(login(t.db, { username: `typo${i}`, password: "x", clientIp: "10.7.7.7" }));
    await expect(login(t.db, { username: "alice", password: "alice-password", clientIp: "10.7.7.7" })).resolves.toBeTruthy();
    expect(await failure(login(t.db, { username: "typo-last", password: "x", clientIp: "10.7.7.7" }))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await failure(login(t.db, { username: "alice", password: "alice-password", clientIp: "10.7.7.7" }))).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});

describe("verifyLogin", () => {
  it("answers the user without creating a session, and refuses like login does", async () => {
    const [before] = await t.db.select({ n: count() }).from(sessions);
    await expect(verifyLogin(t.db, { username: "ALICE", password: "alice-password", clientIp: "10.6.6.6" })).resolves.toEqual({
      id: expect.any(Number),
      username: "alice",
      role: "operator",
    });
    const [after] = await t.db.select({ n: count() }).from(sessions);
    expect(after!.n).toBe(before!.n);
    expect(await failure(verifyLogin(t.db, { username: "alice", password: "wrong", clientIp: "10.6.6.6" }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});
