import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { authenticateApiKey } from "../auth/api-key-auth";
import { sha256 } from "../auth/secret-hash";
import { apiKeys, auditLog, users } from "../db/schema";
import { createApiKey, listApiKeys, revokeApiKey, type ActorContext } from "./api-keys";
import { createServiceContext } from "./service-context";

let t: TestDatabase;
const contextOf = async (username: string): Promise<ActorContext> =>
  createServiceContext({ db: t.db, actor: await actorFor(t.db, username), clientIp: "203.0.113.5", waiters: () => { throw new Error("no bus in this test"); } });
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedUser(t.db, "ada", "admin");
  await seedUser(t.db, "otto", "operator");
  await seedUser(t.db, "vic", "viewer");
});
afterAll(() => t.close());

describe("creating API keys", () => {
  it("shows the key once, stores only its hash, and audits without the key", async () => {
    const otto = await contextOf("otto");
    const created = await createApiKey(otto, { name: "Backups", role: "operator" });
    expect(created.key).toMatch(/^rmm_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ name: "Backups", prefix: created.key.slice(0, 12), role: "operator", createdBy: "otto", state: "active", expiresAt: null, lastUsedAt: null });

    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, created.apiKey.id));
    expect(row?.keyHash).toBe(sha256(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key.slice(13));
    expect(JSON.stringify(await listApiKeys(otto))).not.toContain(created.key.slice(13));

    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.target, created.apiKey.id));
    expect(entry).toMatchObject({ actor: "otto", action: "api-key.create", clientIp: "203.0.113.5", details: { name: "Backups", role: "operator", prefix: created.apiKey.prefix } });
    expect(JSON.stringify(entry)).not.toContain(created.key.slice(13));
  });

  it("refuses a role above the creator's own, naming the field, and stores nothing", async () => {
    const before = await t.db.select().from(apiKeys);
    await expect(createApiKey(await contextOf("otto"), { name: "Escalate", role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN", details: [{ field: "role" }] });
    await expect(createApiKey(await contextOf("vic"), { name: "Escalate", role: "operator" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.select().from(apiKeys)).toHaveLength(before.length);
  });
});

describe("authenticating with an API key", () => {
  it("acts as the creator with the key's role", async () => {
    const created = await createApiKey(await contextOf("ada"), { name: "Read only", role: "viewer" });
    const [ada] = await t.db.select().from(users).where(eq(users.username, "ada"));
    expect(await authenticateApiKey(t.db, created.key)).toEqual({ userId: ada!.id, username: "ada", role: "viewer", via: "api-key", apiKeyId: created.apiKey.id, clientIds: null });
  });

  it("refuses unknown keys, and a key that differs in one character", async () => {
    const created = await createApiKey(await contextOf("vic"), { name: "Typo", role: "viewer" });
    const altered = `${created.key.slice(0, -1)}${created.key.endsWith("A") ? "B" : "A"}`;
    expect(await authenticateApiKey(t.db, altered)).toBeNull();
    expect(await authenticateApiKey(t.db, "rmm_00000000_unknown")).toBeNull();
    expect(await authenticateApiKey(t.db, "")).toBeNull();
    expect(await authenticateApiKey(t.db, created.key)).not.toBeNull();
  });

  it("refuses a revoked key at once; revoking it again is NOT_FOUND", async () => {
    const vic = await contextOf("vic");
    const created = await createApiKey(vic, { name: "Short-lived", role: "viewer" });
    expect(await revokeApiKey(vic, { id: created.apiKey.id })).toEqual({ id: created.apiKey.id });
    expect(await authenticateApiKey(t.db, created.key)).toBeNull();
    await expect(revokeApiKey(vic, { id: created.apiKey.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.target, created.apiKey.id));
    expect(audits.map((entry) => entry.action)).toEqual(["api-key.create", "api-key.revoke"]);
    expect((await listApiKeys(vic)).find((key) => key.id === created.apiKey.id)?.state).toBe("revoked");
  });

  it("refuses a key from its expiry on", async () => {
    const created = await createApiKey(await contextOf("vic"), { name: "One day", role: "viewer", expiresInDays: 1 }, at("2026-03-01T12:00:00Z"));
    expect(created.apiKey.expiresAt).toBe("2026-03-02T12:00:00.000Z");
    expect(await authenticateApiKey(t.db, created.key, at("2026-03-02T11:59:59Z"))).not.toBeNull();
    expect(await authenticateApiKey(t.db, created.key, at("2026-03-02T12:00:00Z"))).toBeNull();
    const listed = await listApiKeys(await contextOf("vic"), at("2026-03-02T12:00:00Z"));
    expect(listed.find((key) => key.id === created.apiKey.id)?.state).toBe("expired");
  });

  it("never grants more than the creator's current role, and dies with the creator", async () => {
    await seedUser(t.db, "dora", "admin");
    const dora = await contextOf("dora");
    const created = await createApiKey(dora, { name: "Automation", role: "admin" });
    expect((await authenticateApiKey(t.db, created.key))?.role).toBe("admin");

    await t.db.update(users).set({ role: "operator" }).where(eq(users.username, "dora"));
    expect((await authenticateApiKey(t.db, created.key))?.role).toBe("operator");
    const listed = await listApiKeys(await contextOf("ada"));
    expect(listed.find((key) => key.id === created.apiKey.id)).toMatchObject({ role: "admin", effectiveRole: "operator" });

    await t.db.delete(users).where(eq(users.username, "dora"));
    expect(await authenticateApiKey(t.db, created.key)).toBeNull();
  });

  it("records the last use, writing at most once a minute", async () => {
    const created = await createApiKey(await contextOf("otto"), { name: "Busy", role: "viewer" });
    const lastUsed = async () => (await t.db.select().from(apiKeys).where(eq(apiKeys.id, created.apiKey.id)))[0]?.lastUsedAt?.toISOString();
    await authenticateApiKey(t.db, created.key, at("2026-03-01T12:00:00Z"));
    expect(await lastUsed()).toBe("2026-03-01T12:00:00.000Z");
    await authenticateApiKey(t.db, created.key, at("2026-03-01T12:00:59Z"));
    expect(await lastUsed()).toBe("2026-03-01T12:00:00.000Z");
    await authenticateApiKey(t.db, created.key, at("2026-03-01T12:01:00Z"));
    expect(await lastUsed()).toBe("2026-03-01T12:01:00.000Z");
  });
});

describe("listing and revoking API keys", () => {
  it("shows everyone only their own keys, and admins every key with its creator", async () => {
    const vicKeys = await listApiKeys(await contextOf("vic"));
    expect(vicKeys.length).toBeGreaterThan(0);
    expect(vicKeys.every((key) => key.createdBy === "vic")).toBe(true);
    const all = await listApiKeys(await contextOf("ada"));
    expect(new Set(all.map((key) => key.createdBy))).toEqual(new Set(["ada", "otto", "vic"]));
  });

  it("lets only admins revoke another person's key; to others it does not exist", async () => {
    const created = await createApiKey(await contextOf("otto"), { name: "Otto's", role: "viewer" });
    await expect(revokeApiKey(await contextOf("vic"), { id: created.apiKey.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await authenticateApiKey(t.db, created.key)).not.toBeNull();
    await revokeApiKey(await contextOf("ada"), { id: created.apiKey.id });
    expect(await authenticateApiKey(t.db, created.key)).toBeNull();
    await expect(revokeApiKey(await contextOf("ada"), { id: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
