import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { deriveJwtKey } from "../auth/jwt";
import { apiTokenFamilies, auditLog, users } from "../db/schema";
import {
  ACCESS_TOKEN_SECONDS,
  authenticateAccessToken,
  deleteExpiredTokenFamilies,
  issueTokenPair,
  refreshTokenPair,
  REFRESH_TOKEN_SECONDS,
  revokeTokenFamily,
} from "./api-tokens";

let t: TestDatabase;
const key = deriveJwtKey("integration-test-auth-secret-32-chars-long");
const ip = "198.51.100.7";
const now = new Date("2026-03-01T12:00:00Z");
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

async function userRow(username: string, role: "viewer" | "operator" | "admin" = "operator") {
  await seedUser(t.db, username, role);
  const [row] = await t.db.select().from(users).where(eq(users.username, username));
  return row!;
}

const familyOf = async (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).fid as string;
const auditActions = async (familyId: string) => (await t.db.select().from(auditLog).where(eq(auditLog.target, familyId))).map((entry) => entry.action);

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("access tokens", () => {
  it("authenticate as the user with their current role, until they expire", async () => {
    const user = await userRow("amy");
    const pair = await issueTokenPair(t.db, key, user, ip, now);
    expect(pair).toMatchObject({ token_type: "bearer", expires_in: ACCESS_TOKEN_SECONDS });
    expect(await authenticateAccessToken(t.db, key, pair.access_token, later(60))).toEqual({ userId: user.id, username: "amy", role: "operator", via: "jwt", clientIds: null });

    await t.db.update(users).set({ role: "viewer" }).where(eq(users.id, user.id));
    expect((await authenticateAccessToken(t.db, key, pair.access_token, later(60)))?.role).toBe("viewer");
    expect(await authenticateAccessToken(t.db, key, pair.access_token, later(ACCESS_TOKEN_SECONDS))).toBeNull();
    expect(await auditActions(await familyOf(pair.access_token))).toEqual(["auth.token.issue"]);
  });

  it("are refused when tampered with, signed with another key, or when a refresh token is offered", async () => {
    const pair = await issueTokenPair(t.db, key, await userRow("ben"), ip, now);
    const [header, payload, signature] = pair.access_token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), sub: "1" })).toString("base64url");
    expect(await authenticateAccessToken(t.db, key, `${header}.${forged}.${signature}`, now)).toBeNull();
    expect(await authenticateAccessToken(t.db, deriveJwtKey("some-other-auth-secret-of-32-characters"), pair.access_token, now)).toBeNull();
    expect(await authenticateAccessToken(t.db, key, pair.refresh_token, now)).toBeNull();
    expect(await authenticateAccessToken(t.db, key, pair.access_token, now)).not.toBeNull();
  });

  it("stop working when the user is deleted", async () => {
    const user = await userRow("cleo");
    const pair = await issueTokenPair(t.db, key, user, ip, now);
    await t.db.delete(users).where(eq(users.id, user.id));
    expect(await authenticateAccessToken(t.db, key, pair.access_token, now)).toBeNull();
    await expect(refreshTokenPair(t.db, key, pair.refresh_token, ip, now)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("refresh tokens", () => {
  it("rotate: the current one yields a new pair once, and is not an access token", async () => {
    const user = await userRow("dan");
    const first = await issueTokenPair(t.db, key, user, ip, now);
    const second = await refreshTokenPair(t.db, key, first.refresh_token, ip, later(600));
    expect(await authenticateAccessToken(t.db, key, second.access_token, later(601))).toMatchObject({ username: "dan" });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await expect(refreshTokenPair(t.db, key, second.access_token, ip, later(602))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const third = await refreshTokenPair(t.db, key, second.refresh_token, ip, later(603));
    expect(await familyOf(third.refresh_token)).toBe(await familyOf(first.refresh_token));
    const [family] = await t.db.select().from(apiTokenFamilies).where(eq(apiTokenFamilies.id, await familyOf(first.refresh_token)));
    expect(family).toMatchObject({ generation: 2, expiresAt: later(603 + REFRESH_TOKEN_SECONDS), revokedAt: null });
  });

  it("expire after their lifetime", async () => {
    const pair = await issueTokenPair(t.db, key, await userRow("eve"), ip, now);
    await expect(refreshTokenPair(t.db, key, pair.refresh_token, ip, later(REFRESH_TOKEN_SECONDS))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await refreshTokenPair(t.db, key, pair.refresh_token, ip, later(REFRESH_TOKEN_SECONDS - 1))).toMatchObject({ token_type: "bearer" });
  });

  it("revoke the whole family when a spent one is presented again", async () => {
    const first = await issueTokenPair(t.db, key, await userRow("fay"), ip, now);
    const second = await refreshTokenPair(t.db, key, first.refresh_token, ip, later(60));
    await expect(refreshTokenPair(t.db, key, first.refresh_token, "192.0.2.66", later(120))).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    expect(await authenticateAccessToken(t.db, key, second.access_token, later(121))).toBeNull();
    expect(await authenticateAccessToken(t.db, key, first.access_token, later(121))).toBeNull();
    await expect(refreshTokenPair(t.db, key, second.refresh_token, ip, later(122))).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    const familyId = await familyOf(first.refresh_token);
    expect(await auditActions(familyId)).toEqual(["auth.token.issue", "auth.token.refresh", "auth.token.reuse"]);
    const [reuse] = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.token.reuse"));
    expect(reuse).toMatchObject({ actor: "fay", success: false, clientIp: "192.0.2.66" });
  });

  it("of two simultaneous refreshes with one token, exactly one wins; the loser counts as reuse", async () => {
    const pair = await issueTokenPair(t.db, key, await userRow("gus"), ip, now);
    const outcomes = await Promise.allSettled([refreshTokenPair(t.db, key, pair.refresh_token, ip, later(60)), refreshTokenPair(t.db, key, pair.refresh_token, ip, later(60))]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(outcomes.find((outcome) => outcome.status === "rejected")).toMatchObject({ reason: { code: "UNAUTHORIZED" } });

    const familyId = await familyOf(pair.refresh_token);
    expect((await auditActions(familyId)).sort()).toEqual(["auth.token.issue", "auth.token.refresh", "auth.token.reuse"]);
    const winner = outcomes.find((outcome) => outcome.status === "fulfilled")!.value;
    expect(await authenticateAccessToken(t.db, key, winner.access_token, later(61))).toBeNull();
  });
});

describe("logout", () => {
  it("revokes the family with either of its tokens; other families of the user keep working", async () => {
    const user = await userRow("hal");
    const laptop = await issueTokenPair(t.db, key, user, ip, now);
    const server = await issueTokenPair(t.db, key, user, ip, now);
    expect(await revokeTokenFamily(t.db, key, laptop.access_token, ip, later(10))).toEqual({ revoked: true });
    expect(await authenticateAccessToken(t.db, key, laptop.access_token, later(11))).toBeNull();
    await expect(refreshTokenPair(t.db, key, laptop.refresh_token, ip, later(12))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await revokeTokenFamily(t.db, key, laptop.refresh_token, ip, later(13))).toEqual({ revoked: false });

    expect(await authenticateAccessToken(t.db, key, server.access_token, later(14))).toMatchObject({ username: "hal" });
    expect(await revokeTokenFamily(t.db, key, server.refresh_token, ip, later(15))).toEqual({ revoked: true });
    expect(await authenticateAccessToken(t.db, key, server.access_token, later(16))).toBeNull();
    expect(await auditActions(await familyOf(laptop.access_token))).toEqual(["auth.token.issue", "auth.token.revoke"]);
  });

  it("refuses a token that is not ours", async () => {
    await expect(revokeTokenFamily(t.db, key, "not.a.token", ip, now)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("cleanup", () => {
  it("deletes expired and revoked families and keeps live ones", async () => {
    const user = await userRow("ivy");
    const expired = await issueTokenPair(t.db, key, user, ip, later(-REFRESH_TOKEN_SECONDS - 60));
    const revoked = await issueTokenPair(t.db, key, user, ip, now);
    await revokeTokenFamily(t.db, key, revoked.access_token, ip, now);
    const live = await issueTokenPair(t.db, key, user, ip, now);
    await deleteExpiredTokenFamilies(t.db, later(60));
    const remaining = (await t.db.select().from(apiTokenFamilies).where(eq(apiTokenFamilies.userId, user.id))).map((family) => family.id);
    expect(remaining).toEqual([await familyOf(live.refresh_token)]);
    expect(remaining).not.toContain(await familyOf(expired.refresh_token));
    expect(await authenticateAccessToken(t.db, key, live.access_token, later(60))).not.toBeNull();
  });
});
