import { and, count, eq, isNull } from "drizzle-orm";
import { generate } from "otplib";
import { getTotpKey, sealTotpSecret } from "../auth/totp-secret-box";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser, testServiceContext } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { authenticateApiKey } from "../auth/api-key-auth";
import { deriveJwtKey } from "../auth/jwt";
import { login } from "../auth/login";
import { createSession, resolveSession } from "../auth/sessions";
import { signSso, ssoLogin } from "../auth/sso";
import { apiTokenFamilies, auditLog, sessions, users } from "../db/schema";
import type { AppError } from "../errors";
import { createApiKey } from "./api-keys";
import { authenticateAccessToken, issueTokenPair, refreshTokenPair } from "./api-tokens";

let t: TestDatabase;
let root: ReturnType<typeof callerAs>;
const key = deriveJwtKey("integration-test-auth-secret-32-chars-long");
const ssoSecret = "sso-secret-for-tests-0123456789";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedUser(t.db, "root", "admin");
  root = callerAs(t.db, await actorFor(t.db, "root"));
});
afterAll(() => t.close());

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as AppError & { code: string });
const signIn = (username: string, password = `${username}-password`, clientIp = "10.0.0.1") => login(t.db, { username, password, clientIp });
const userId = async (username: string) => (await actorFor(t.db, username)).userId;
const sessionCount = async (username: string) => (await t.db.select({ value: count() }).from(sessions).where(eq(sessions.userId, await userId(username))))[0]!.value;
const liveFamilies = async (username: string) =>
  (await t.db.select({ value: count() }).from(apiTokenFamilies).where(and(eq(apiTokenFamilies.userId, await userId(username)), isNull(apiTokenFamilies.revokedAt))))[0]!.value;
const audited = async (action: string, target: string) => t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.target, target)));

/** A user signed in every way there is: a dashboard session, an API key and an /api/v1 token pair. */
async function signedInEverywhere(username: string) {
  await seedUser(t.db, username, "operator");
  const session = await signIn(username);
  const { key: apiKey } = await createApiKey(testServiceContext(t.db, await actorFor(t.db, username)), { name: `${username}'s key`, role: "operator" });
  const tokens = await issueTokenPair(t.db, key, { id: await userId(username), username }, "10.0.0.1");
  expect(await resolveSession(t.db, session.sessionToken)).toMatchObject({ username });
  expect(await authenticateApiKey(t.db, apiKey)).toMatchObject({ username });
  expect(await authenticateAccessToken(t.db, key, tokens.access_token)).toMatchObject({ username });
  return { sessionToken: session.sessionToken, apiKey, tokens };
}

describe("disabling a user", () => {
  it("stops their session, API key and tokens at once, and refuses their sign-in", async () => {
    const dan = await signedInEverywhere("dan");
    expect(await root.users.disable({ username: "DAN" })).toMatchObject({ username: "dan", disabled: true });

    expect(await resolveSession(t.db, dan.sessionToken)).toBeNull();
    expect(await authenticateApiKey(t.db, dan.apiKey)).toBeNull();
    expect(await authenticateAccessToken(t.db, key, dan.tokens.access_token)).toBeNull();
    expect(await failure(refreshTokenPair(t.db, key, dan.tokens.refresh_token, "10.0.0.1"))).toMatchObject({ code: "UNAUTHORIZED" });
    // Ended, not merely refused: nothing of them is left to come back when the user is enabled.
    expect(await sessionCount("dan")).toBe(0);
    expect(await liveFamilies("dan")).toBe(0);

    const rightPassword = await failure(signIn("dan", "dan-password", "10.0.0.2"));
    const wrongPassword = await failure(signIn("dan", "not-the-password", "10.0.0.2"));
    expect(rightPassword).toMatchObject({ code: "UNAUTHORIZED", message: wrongPassword!.message });
    expect(await audited("auth.login", "dan")).toContainEqual(expect.objectContaining({ success: false, details: { reason: "disabled" } }));

    const ts = Date.now();
    expect(await failure(ssoLogin(t.db, ssoSecret, { username: "dan", ts: String(ts), sig: signSso(ssoSecret, "dan", ts), clientIp: "10.0.0.2" }))).toMatchObject({ code: "UNAUTHORIZED" });

    const [entry] = await audited("user.disable", "dan");
    expect(entry).toMatchObject({ actor: "root", via: "session", details: { ended: { sessions: 1, tokenFamilies: 1 } } });
  });

  it("refuses a session or token created in the instant before the account was disabled", async () => {
    // Sign-ins racing with the disable: the credential exists, but authentication still refuses it.
    const id = await userId("dan");
    const late = await createSession(t.db, { userId: id, kind: "password", clientIp: null, ttlSeconds: 600 });
    const lateTokens = await issueTokenPair(t.db, key, { id, username: "dan" }, null);
    expect(await resolveSession(t.db, late.token)).toBeNull();
    expect(await authenticateAccessToken(t.db, key, lateTokens.access_token)).toBeNull();
  });

  it("lists the user as disabled", async () => {
    expect((await root.users.list()).find((user) => user.username === "dan")).toMatchObject({ disabled: true, lastSignInAt: expect.any(String) });
  });

  it("enabling lets them sign in again and their API key work again, but ended sessions stay ended", async () => {
    const eve = await signedInEverywhere("eve");
    await root.users.disable({ username: "eve" });
    expect(await failure(root.users.disable({ username: "eve" }))).toMatchObject({ code: "CONFLICT", message: "User 'eve' is already disabled" });

    expect(await root.users.enable({ username: "eve" })).toMatchObject({ disabled: false });
    expect(await authenticateApiKey(t.db, eve.apiKey)).toMatchObject({ username: "eve" });
    expect(await resolveSession(t.db, eve.sessionToken)).toBeNull();
    expect(await authenticateAccessToken(t.db, key, eve.tokens.access_token)).toBeNull();
    await expect(signIn("eve", "eve-password", "10.0.0.3")).resolves.toMatchObject({ username: "eve" });
    expect(await audited("user.enable", "eve")).toHaveLength(1);
    expect(await failure(root.users.enable({ username: "eve" }))).toMatchObject({ code: "CONFLICT", message: "User 'eve' is not disabled" });
  });

  it("an admin cannot disable their own account", async () => {
    expect(await failure(root.users.disable({ username: "root" }))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/your own account/) });
    expect((await root.users.list()).find((user) => user.username === "root")?.disabled).toBe(false);
  });

  it("answers NOT_FOUND for an unknown user", async () => {
    expect(await failure(root.users.disable({ username: "nobody" }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the last active admin", () => {
  it("can be neither disabled nor demoted, even by a request authenticated a moment before its actor was disabled", async () => {
    await seedUser(t.db, "ada", "admin");
    await seedUser(t.db, "stale", "admin");
    const staleAdmin = callerAs(t.db, await actorFor(t.db, "stale"));
    await root.users.disable({ username: "stale" });
    await root.users.disable({ username: "ada" });
    // root is now the only active admin.
    expect(await failure(staleAdmin.users.disable({ username: "root" }))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/'root' is the last active admin/) });
    expect(await failure(staleAdmin.users.setRole({ username: "root", role: "operator" }))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/last active admin/) });
    // A disabled admin does not count, and demoting one is allowed.
    expect(await root.users.setRole({ username: "stale", role: "viewer" })).toMatchObject({ role: "viewer" });
    await root.users.enable({ username: "ada" });
  });

  it("survives two admins disabling each other at the same moment", async () => {
    await seedUser(t.db, "bea", "admin");
    const ada = callerAs(t.db, await actorFor(t.db, "ada"));
    const bea = callerAs(t.db, await actorFor(t.db, "bea"));
    // While they race, ada and bea are the only active admins.
    await ada.users.disable({ username: "root" });

    const outcomes = await Promise.allSettled([ada.users.disable({ username: "bea" }), bea.users.disable({ username: "ada" })]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    const activeAdmins = await t.db.select({ username: users.username }).from(users).where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
    expect(activeAdmins).toHaveLength(1);

    // Put root back for the tests below.
    const survivor = callerAs(t.db, await actorFor(t.db, activeAdmins[0]!.username));
    await survivor.users.enable({ username: "root" });
  });
});

describe("changing a role", () => {
  it("applies at the user's next request and is audited with both roles", async () => {
    await seedUser(t.db, "rita", "viewer");
    const { sessionToken } = await signIn("rita");
    expect(await root.users.setRole({ username: "rita", role: "operator" })).toMatchObject({ username: "rita", role: "operator" });
    expect(await resolveSession(t.db, sessionToken)).toMatchObject({ role: "operator" });
    expect(await audited("user.role", "rita")).toEqual([expect.objectContaining({ actor: "root", details: { from: "viewer", to: "operator" } })]);
  });

  it("does nothing, and audits nothing, when the role is unchanged", async () => {
    await root.users.setRole({ username: "rita", role: "operator" });
    expect(await audited("user.role", "rita")).toHaveLength(1);
  });

  it("an admin cannot change their own role", async () => {
    expect(await failure(root.users.setRole({ username: "root", role: "viewer" }))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/your own role/) });
  });

  it("refuses a role that does not exist", async () => {
    expect(await failure(root.users.setRole({ username: "rita", role: "owner" as "admin" }))).toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("resetting a password", () => {
  it("replaces the password and signs the user out everywhere, keeping their TOTP", async () => {
    const pat = await signedInEverywhere("pat");
    await t.db.update(users).set({ totpSecret: sealTotpSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", getTotpKey()) }).where(eq(users.username, "pat"));
    expect(await root.users.resetPassword({ username: "pat", password: "brand-new-password" })).toMatchObject({ totpEnabled: true });

    expect(await resolveSession(t.db, pat.sessionToken)).toBeNull();
    expect(await authenticateAccessToken(t.db, key, pat.tokens.access_token)).toBeNull();
    expect(await authenticateApiKey(t.db, pat.apiKey)).toMatchObject({ username: "pat" });
    expect(await failure(signIn("pat", "pat-password", "10.0.0.4"))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await failure(signIn("pat", "brand-new-password", "10.0.0.4"))).toMatchObject({ code: "UNAUTHORIZED" });
    const code = await generate({ secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" });
    await expect(login(t.db, { username: "pat", password: "brand-new-password", totp: code, clientIp: "10.0.0.4" })).resolves.toMatchObject({ username: "pat" });

    const [entry] = await audited("user.password.reset", "pat");
    expect(entry).toMatchObject({ actor: "root", details: { ended: { sessions: 1, tokenFamilies: 1 }, totpRemoved: false } });
    expect(JSON.stringify(entry)).not.toContain("brand-new-password");
  });

  it("can remove the second factor of a user who lost their authenticator", async () => {
    expect(await root.users.resetPassword({ username: "pat", password: "another-password", removeTotp: true })).toMatchObject({ totpEnabled: false });
    await expect(signIn("pat", "another-password", "10.0.0.4")).resolves.toMatchObject({ username: "pat" });
  });

  it("refuses a short password and the admin's own account", async () => {
    expect(await failure(root.users.resetPassword({ username: "pat", password: "short" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await failure(root.users.resetPassword({ username: "root", password: "whatever-password" }))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/account page/) });
    await expect(signIn("root", "root-password", "10.0.0.5")).resolves.toBeTruthy();
  });
});

describe("ending a user's sessions", () => {
  it("signs them out of the dashboard and /api/v1 but lets them sign in again, and keeps their API keys", async () => {
    const sam = await signedInEverywhere("sam");
    await signIn("sam", "sam-password", "10.0.0.6");
    expect(await root.users.endSessions({ username: "sam" })).toEqual({ sessions: 2, tokenFamilies: 1 });
    expect(await resolveSession(t.db, sam.sessionToken)).toBeNull();
    expect(await authenticateAccessToken(t.db, key, sam.tokens.access_token)).toBeNull();
    expect(await authenticateApiKey(t.db, sam.apiKey)).toMatchObject({ username: "sam" });
    await expect(signIn("sam", "sam-password", "10.0.0.6")).resolves.toMatchObject({ username: "sam" });
    expect(await audited("user.sessions.end", "sam")).toEqual([expect.objectContaining({ actor: "root", details: { ended: { sessions: 2, tokenFamilies: 1 } } })]);
  });
});

describe("who may administer users", () => {
  it("refuses operators", async () => {
    await seedUser(t.db, "otto", "operator");
    const otto = callerAs(t.db, await actorFor(t.db, "otto"));
    expect(await failure(otto.users.disable({ username: "rita" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(otto.users.setRole({ username: "otto", role: "admin" }))).toMatchObject({ code: "FORBIDDEN" });
  });
});
