/**
 * Clients and sites through their procedures: the default site every agent starts in, creating
 * and renaming (names unique without regard to case), moving agents between sites, tags, where
 * enrolled agents land, and restricting users and API keys to some clients.
 */
import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { authenticateApiKey } from "../auth/api-key-auth";
import { resolveSession, createSession } from "../auth/sessions";
import { agents, auditLog, sites } from "../db/schema";
import { enrollAgent } from "./agent-identity";
import { ensureDefaultSite } from "./clients";

let t: TestDatabase;
let admin: ReturnType<typeof callerAs>;
let operator: ReturnType<typeof callerAs>;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedUser(t.db, "ada", "admin");
  await seedUser(t.db, "otto", "operator");
  admin = callerAs(t.db, await actorFor(t.db, "ada"));
  operator = callerAs(t.db, await actorFor(t.db, "otto"));
  await t.db.insert(agents).values([
    { id: "pc-1", name: "PC-1", secretHash: "x" },
    { id: "pc-2", name: "PC-2", secretHash: "x" },
  ]);
});
afterAll(() => t.close());

describe("the default client and site", () => {
  it("hold every agent that nobody placed, and are listed with their counts", async () => {
    const { items } = await admin.clients.list();
    expect(items).toEqual([expect.objectContaining({ name: "Default", agentCount: 2, sites: [expect.objectContaining({ name: "Default", isDefault: true, agentCount: 2 })] })]);
    const pc = await admin.agents.get({ agentId: "pc-1" });
    expect(pc.client.name).toBe("Default");
    expect(pc.site.name).toBe("Default");
  });

  it("are ensured at start, once, however often it runs", async () => {
    const first = await ensureDefaultSite(t.db);
    expect(await ensureDefaultSite(t.db)).toEqual(first);
    expect(await t.db.select().from(sites).where(eq(sites.isDefault, true))).toHaveLength(1);
  });
});

describe("clients and sites", () => {
  it("creates a client with its first site, and audits it", async () => {
    const acme = await admin.clients.create({ name: "  Acme   Corp ", siteName: "Head Office" });
    expect(acme).toMatchObject({ name: "Acme Corp", agentCount: 0, sites: [{ name: "Head Office", clientName: "Acme Corp", isDefault: false, agentCount: 0 }] });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, "client.create"));
    expect(entry).toMatchObject({ actor: "ada", target: String(acme.id) });
    const plain = await admin.clients.create({ name: "Plain" });
    expect(plain.sites.map((site) => site.name)).toEqual(["Main"]);
  });

  it("refuses a second client or site of the same name in any case, naming the field", async () => {
    const error = await admin.clients.create({ name: "ACME CORP" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("CONFLICT");
    const { items } = await admin.clients.list({ search: "acme" });
    const acme = items[0]!;
    expect(await codeOf(admin.sites.create({ clientId: acme.id, name: "head office" }))).toBe("CONFLICT");
    // The same site name under another client is fine.
    const other = (await admin.clients.list({ search: "plain" })).items[0]!;
    expect((await admin.sites.create({ clientId: other.id, name: "Head Office" })).clientName).toBe("Plain");
  });

  it("renames clients and sites; an unknown one is not found", async () => {
    const acme = (await admin.clients.list({ search: "acme" })).items[0]!;
    expect((await admin.clients.rename({ clientId: acme.id, name: "Acme Inc" })).name).toBe("Acme Inc");
    expect((await admin.sites.rename({ siteId: acme.sites[0]!.id, name: "HQ" })).name).toBe("HQ");
    expect(await codeOf(admin.clients.rename({ clientId: 999_999, name: "Nobody" }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.sites.rename({ siteId: 999_999, name: "Nowhere" }))).toBe("NOT_FOUND");
    expect(await codeOf(operator.clients.rename({ clientId: acme.id, name: "Operator's" }))).toBe("FORBIDDEN");
  });

  it("lists a client's sites, paged and sorted; an unknown client is not found", async () => {
    const acme = (await admin.clients.list({ search: "acme" })).items[0]!;
    await admin.sites.create({ clientId: acme.id, name: "Branch" });
    const page = await admin.clients.sites({ clientId: acme.id, sortBy: "name", sortOrder: "asc", page: 1, perPage: 1 });
    expect(page).toMatchObject({ total: 2, pages: 2, items: [{ name: "Branch" }] });
    expect(await codeOf(admin.clients.sites({ clientId: 999_999, sortBy: "name", sortOrder: "asc", page: 1 }))).toBe("NOT_FOUND");
  });
});

describe("moving agents and tagging them", () => {
  it("moves several agents to a site at once (operator), audited per agent; the counts follow", async () => {
    const acme = (await admin.clients.list({ search: "acme" })).items[0]!;
    const hq = acme.sites.find((site) => site.name === "HQ")!;
    expect(await operator.agents.moveToSite({ agentIds: ["pc-1", "pc-2", "pc-1"], siteId: hq.id })).toEqual({ moved: 2, client: { id: acme.id, name: "Acme Inc" }, site: { id: hq.id, name: "HQ" } });
    expect(await operator.agents.moveToSite({ agentIds: ["pc-1"], siteId: hq.id })).toMatchObject({ moved: 0 });
    expect((await admin.clients.list({ search: "acme" })).items[0]).toMatchObject({ agentCount: 2 });
    expect((await admin.agents.list({ clientId: acme.id })).items.map((agent) => agent.agentId)).toEqual(["pc-1", "pc-2"]);
    expect((await admin.agents.list({ siteId: hq.id, sortBy: "site", sortOrder: "desc", page: 1 })).total).toBe(2);
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, "agent.move"));
    expect(entries.map((entry) => entry.target).sort()).toEqual(["pc-1", "pc-2"]);
  });

  it("moves nothing when one of the agents is unknown", async () => {
    const [defaultSite] = await t.db.select().from(sites).where(eq(sites.isDefault, true));
    expect(await codeOf(operator.agents.moveToSite({ agentIds: ["pc-1", "ghost"], siteId: defaultSite!.id }))).toBe("NOT_FOUND");
    expect((await admin.agents.get({ agentId: "pc-1" })).site.name).toBe("HQ");
    expect(await codeOf(operator.agents.moveToSite({ agentIds: ["pc-1"], siteId: 999_999 }))).toBe("NOT_FOUND");
  });

  it("sets free-form tags, trimmed and without duplicates, and filters by them", async () => {
    expect(await operator.agents.setTags({ agentId: "pc-1", tags: [" kiosk ", "Kiosk", "front  desk"] })).toEqual({ tags: ["kiosk", "front desk"] });
    expect((await admin.agents.get({ agentId: "pc-1" })).tags).toEqual(["kiosk", "front desk"]);
    expect((await admin.agents.list({ tag: "KIOSK" })).items.map((agent) => agent.agentId)).toEqual(["pc-1"]);
    expect(await codeOf(operator.agents.setTags({ agentId: "pc-1", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }))).toBe("BAD_REQUEST");
  });
});

describe("enrollment into a site", () => {
  it("lands an enrolled agent in its token's site, and in the default site without one", async () => {
    const acme = (await admin.clients.list({ search: "acme" })).items[0]!;
    const branch = acme.sites.find((site) => site.name === "Branch")!;
    const token = await operator.enrollment.create({ label: "branch roll-out", ttlHours: 1, maxUses: 1, siteId: branch.id });
    expect(token).toMatchObject({ client: { name: "Acme Inc" }, site: { name: "Branch" } });
    const enrolled = await enrollAgent(t.db, { token: token.token, remoteAddress: "10.9.9.9" });
    expect((await admin.agents.get({ agentId: enrolled!.agentId })).site).toEqual({ id: branch.id, name: "Branch" });

    const plain = await operator.enrollment.create({ label: "anywhere", ttlHours: 1, maxUses: 1 });
    expect(plain.site.name).toBe("Default");
    const elsewhere = await enrollAgent(t.db, { token: plain.token, remoteAddress: "10.9.9.10" });
    expect((await admin.agents.get({ agentId: elsewhere!.agentId })).client.name).toBe("Default");
    expect((await operator.enrollment.list()).find((row) => row.label === "branch roll-out")).toMatchObject({ site: { name: "Branch" }, client: { name: "Acme Inc" } });
  });

  it("asks a user without access to the default site to choose one", async () => {
    await seedUser(t.db, "rita", "operator");
    const acme = (await admin.clients.list({ search: "acme" })).items[0]!;
    await admin.users.setClients({ username: "rita", clientIds: [acme.id] });
    const rita = callerAs(t.db, await actorFor(t.db, "rita"));
    const error = await rita.enrollment.create({ label: "x", ttlHours: 1, maxUses: 1 }).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((await rita.enrollment.create({ label: "x", ttlHours: 1, maxUses: 1, siteId: acme.sites[0]!.id })).client.name).toBe("Acme Inc");
    // Only her client's tokens are hers to see, and to revoke.
    expect(new Set((await rita.enrollment.list()).map((row) => row.client.name))).toEqual(new Set(["Acme Inc"]));
    const elsewhere = await operator.enrollment.create({ label: "default site", ttlHours: 1, maxUses: 1 });
    expect(await codeOf(rita.enrollment.revoke({ id: elsewhere.id }))).toBe("NOT_FOUND");
    expect(await codeOf(operator.enrollment.revoke({ id: elsewhere.id }))).toBe("OK");
  });
});

describe("restricting users and API keys to clients", () => {
  it("restricts a user from their next request, audited; an admin cannot restrict themselves", async () => {
    await seedUser(t.db, "vera", "viewer");
    const acme = (await admin.clients.list({ search: "acme" })).items[0]!;
    const { token } = await createSession(t.db, { userId: (await actorFor(t.db, "vera")).userId, kind: "password", clientIp: null, ttlSeconds: 60 });
    expect((await resolveSession(t.db, token))?.clientIds).toBeNull();
    expect(await admin.users.setClients({ username: "vera", clientIds: [acme.id, acme.id] })).toMatchObject({ username: "vera", clientIds: [acme.id] });
    expect((await resolveSession(t.db, token))?.clientIds).toEqual([acme.id]);
    expect((await admin.users.list()).find((user) => user.username === "vera")?.clientIds).toEqual([acme.id]);
    expect(await codeOf(admin.users.setClients({ username: "ada", clientIds: [acme.id] }))).toBe("CONFLICT");
    expect(await codeOf(admin.users.setClients({ username: "vera", clientIds: [999_999] }))).toBe("BAD_REQUEST");
    const [entry] = await t.db.select().from(auditLog).where(sql`${auditLog.action} = 'user.clients' and ${auditLog.target} = 'vera'`);
    expect(entry).toMatchObject({ actor: "ada", details: { from: null, to: [acme.id] } });
  });

  it("creates users restricted from the start", async () => {
    const plain = (await admin.clients.list({ search: "plain" })).items[0]!;
    expect(await admin.users.create({ username: "paula", password: "paula-password", totp: false, clientIds: [plain.id] })).toMatchObject({ clientIds: [plain.id] });
    expect((await actorFor(t.db, "paula")).clientIds).toEqual([plain.id]);
  });

  it("gives a key no more clients than its creator has now", async () => {
    const acme = (await admin.clients.list({ search: "acme" })).items[0]!;
    const plain = (await admin.clients.list({ search: "plain" })).items[0]!;
    const both = await admin.apiKeys.create({ name: "both", role: "viewer", clientIds: [acme.id, plain.id] });
    expect(both.apiKey.clientIds).toEqual([acme.id, plain.id].sort((a, b) => a - b));
    expect((await authenticateApiKey(t.db, both.key))?.clientIds).toEqual([acme.id, plain.id].sort((a, b) => a - b));

    await seedUser(t.db, "amy", "admin");
    await admin.users.setClients({ username: "amy", clientIds: [acme.id] });
    const amy = callerAs(t.db, await actorFor(t.db, "amy"));
    // Naming a client she cannot see is the same answer as naming one that does not exist.
    expect(await codeOf(amy.apiKeys.create({ name: "too wide", role: "viewer", clientIds: [plain.id] }))).toBe("BAD_REQUEST");
    const unlimited = await amy.apiKeys.create({ name: "unlimited", role: "viewer" });
    expect((await authenticateApiKey(t.db, unlimited.key))?.clientIds).toEqual([acme.id]);
    // Her restriction applies to her keys at once when it changes.
    await admin.users.setClients({ username: "amy", clientIds: [] });
    expect((await authenticateApiKey(t.db, unlimited.key))?.clientIds).toEqual([]);
    // A restricted admin sees only her own keys.
    expect((await callerAs(t.db, await actorFor(t.db, "amy")).apiKeys.list()).map((key) => key.name)).toEqual(["unlimited"]);
  });
});
