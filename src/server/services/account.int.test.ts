import { and, eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { deriveJwtKey } from "../auth/jwt";
import { login } from "../auth/login";
import { THROTTLE_RULES } from "../auth/login-throttle";
import { resolveSession } from "../auth/sessions";
import { auditLog, users } from "../db/schema";
import type { AppError } from "../errors";
import { authenticateAccessToken, issueTokenPair } from "./api-tokens";

let t: TestDatabase;
const key = deriveJwtKey("integration-test-auth-secret-32-chars-long");

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as AppError & { code: string; cause?: AppError });
const signIn = (username: string, password: string, options: { totp?: string; clientIp?: string; now?: Date } = {}) =>
  login(t.db, { username, password, totp: options.totp, clientIp: options.clientIp ?? "10.0.0.1" }, options.now);
const audited = async (action: string, target: string) => t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.target, target)));
const secretOf = (otpauthUri: string) => new URL(otpauthUri).searchParams.get("secret")!;
const codeAt = (secret: string, date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000) });

/** A caller signed in as the user through a real session, as the dashboard is. */
async function signedInCaller(username: string, password: string) {
  const { sessionToken } = await signIn(username, password);
  return { sessionToken, caller: callerAs(t.db, await actorFor(t.db, username), { sessionToken }) };
}

describe("changing one's own password", () => {
  it("needs the current password: a wrong one changes nothing and is audited", async () => {
    await seedUser(t.db, "carl", "viewer", { password: "carl-password" });
    const { caller } = await signedInCaller("carl", "carl-password");
    const wrong = await failure(caller.account.changePassword({ currentPassword: "guess", newPassword: "carl-new-password" }));
    expect(wrong).toMatchObject({ code: "BAD_REQUEST", cause: { details: [{ field: "currentPassword", message: "is not correct" }] } });
    expect(await audited("account.password.change", "carl")).toEqual([expect.objectContaining({ actor: "carl", success: false })]);
    await expect(signIn("carl", "carl-password")).resolves.toBeTruthy();
  });

  it("refuses a new password equal to the current one, or too short", async () => {
    const { caller } = await signedInCaller("carl", "carl-password");
    expect(await failure(caller.account.changePassword({ currentPassword: "carl-password", newPassword: "carl-password" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await failure(caller.account.changePassword({ currentPassword: "carl-password", newPassword: "short" }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("keeps the session making the change and ends every other session and token", async () => {
    await seedUser(t.db, "cleo", "operator", { password: "cleo-password" });
    const current = await signedInCaller("cleo", "cleo-password");
    const other = await signIn("cleo", "cleo-password", { clientIp: "10.0.0.2" });
    const tokens = await issueTokenPair(t.db, key, { id: (await actorFor(t.db, "cleo")).userId, username: "cleo" }, null);

    const ended = await current.caller.account.changePassword({ currentPassword: "cleo-password", newPassword: "cleo-new-password" });
    expect(ended).toEqual({ sessions: 1, tokenFamilies: 1 });
    expect(await resolveSession(t.db, current.sessionToken)).toMatchObject({ username: "cleo" });
    expect(await resolveSession(t.db, other.sessionToken)).toBeNull();
    expect(await authenticateAccessToken(t.db, key, tokens.access_token)).toBeNull();

    expect(await failure(signIn("cleo", "cleo-password"))).toMatchObject({ code: "UNAUTHORIZED" });
    await expect(signIn("cleo", "cleo-new-password")).resolves.toMatchObject({ username: "cleo" });
    const entries = await audited("account.password.change", "cleo");
    expect(entries).toEqual([expect.objectContaining({ actor: "cleo", success: true, details: { ended: { sessions: 1, tokenFamilies: 1 } } })]);
    expect(JSON.stringify(entries)).not.toContain("cleo-new-password");
  });

  it("is throttled like signing in, so a stolen session cannot guess the password", async () => {
    await seedUser(t.db, "gus", "operator", { password: "gus-password" });
    const gus = callerAs(t.db, await actorFor(t.db, "gus"), { clientIp: "10.7.7.7" });
    for (let i = 0; i < THROTTLE_RULES.perUsername.points; i++) {
      expect(await failure(gus.account.changePassword({ currentPassword: `guess-${i}`, newPassword: "gus-new-password" }))).toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await failure(gus.account.changePassword({ currentPassword: "gus-password", newPassword: "gus-new-password" }))).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});

describe("setting up TOTP", () => {
  it("gives a new secret that protects nothing until a code from it is confirmed", async () => {
    await seedUser(t.db, "tess", "operator", { password: "tess-password" });
    const { caller } = await signedInCaller("tess", "tess-password");
    expect(await caller.account.get()).toEqual({ username: "tess", role: "operator", totpEnabled: false });

    const enrolment = await caller.account.beginTotp();
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/RMM:tess\?/);
    expect(secretOf(enrolment.otpauthUri)).toBe(enrolment.secret);
    await expect(signIn("tess", "tess-password")).resolves.toBeTruthy();
    expect((await caller.account.get()).totpEnabled).toBe(false);

    const wrong = await failure(caller.account.confirmTotp({ code: "000000" }));
    expect(wrong).toMatchObject({ code: "BAD_REQUEST", cause: { details: [expect.objectContaining({ field: "code" })] } });
    expect((await caller.account.get()).totpEnabled).toBe(false);
  });

  it("turns on with a current code, which then cannot be used again to sign in", async () => {
    const { caller } = await signedInCaller("tess", "tess-password");
    // Restarting replaces the earlier secret: only the newest one can be confirmed.
    const first = await caller.account.beginTotp();
    const { secret } = await caller.account.beginTotp();
    const now = new Date();
    expect(await failure(caller.account.confirmTotp({ code: await codeAt(first.secret, now) }))).toMatchObject({ code: "BAD_REQUEST" });

    const code = await codeAt(secret, now);
    expect(await caller.account.confirmTotp({ code })).toEqual({ username: "tess", role: "operator", totpEnabled: true });
    expect(await failure(signIn("tess", "tess-password"))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await failure(signIn("tess", "tess-password", { totp: code, now }))).toMatchObject({ code: "UNAUTHORIZED" });
    const later = new Date(now.getTime() + 30_000);
    await expect(signIn("tess", "tess-password", { totp: await codeAt(secret, later), now: later })).resolves.toMatchObject({ username: "tess" });
    expect(await audited("account.totp.enable", "tess")).toEqual([expect.objectContaining({ actor: "tess", success: true })]);
    const [row] = await t.db.select().from(users).where(eq(users.username, "tess"));
    expect(row?.totpPendingSecret).toBeNull();
  });

  it("refuses to start over while TOTP is on, and to confirm without starting", async () => {
    const tess = callerAs(t.db, await actorFor(t.db, "tess"));
    expect(await failure(tess.account.beginTotp())).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/remove it first/) });
    await seedUser(t.db, "nora", "viewer");
    const nora = callerAs(t.db, await actorFor(t.db, "nora"));
    expect(await failure(nora.account.confirmTotp({ code: "123456" }))).toMatchObject({ code: "CONFLICT", message: "Start the TOTP set-up first" });
  });
});

describe("removing TOTP", () => {
  it("needs the current password, and then sign-in needs no code", async () => {
    const tess = callerAs(t.db, await actorFor(t.db, "tess"), { clientIp: "10.0.0.9" });
    expect(await failure(tess.account.disableTotp({ currentPassword: "wrong-password" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect((await tess.account.get()).totpEnabled).toBe(true);

    expect(await tess.account.disableTotp({ currentPassword: "tess-password" })).toMatchObject({ totpEnabled: false });
    await expect(signIn("tess", "tess-password")).resolves.toMatchObject({ username: "tess" });
    expect(await audited("account.totp.disable", "tess")).toContainEqual(expect.objectContaining({ actor: "tess", success: true }));
    expect(await failure(tess.account.disableTotp({ currentPassword: "tess-password" }))).toMatchObject({ code: "CONFLICT", message: "TOTP is not set up" });
  });
});
