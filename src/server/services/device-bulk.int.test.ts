/**
 * What a technician does from the device list: rename a device, and act on many selected devices
 * at once (group, tags, removal), each change audited; a selection naming a device the user may
 * not see changes nothing at all.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser, testServiceContext } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { agents, auditLog, users } from "../db/schema";
import { createClient } from "./clients";

let t: TestDatabase;
let operator: ReturnType<typeof callerAs>;
let admin: ReturnType<typeof callerAs>;
let restrictedOperator: ReturnType<typeof callerAs>;
let viewer: ReturnType<typeof callerAs>;
const sitesOf = { alpha: 0, beta: 0 };
let agentCount = 0;

async function seedAgents(site: number, ...specs: { name: string; tags?: string[]; groupName?: string }[]): Promise<string[]> {
  const rows = specs.map((spec) => ({ id: `dev-${++agentCount}`, secretHash: "x", siteId: site, ...spec }));
  await t.db.insert(agents).values(rows);
  return rows.map((row) => row.id);
}
const rowsOf = (ids: string[]) => t.db.select().from(agents).where(inArray(agents.id, ids)).orderBy(agents.id);
const audited = (action: string, target: string) => t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.target, target)));
const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (error: { code?: string }) => error.code);

beforeAll(async () => {
  t = await createTestDatabase();
  const root = testServiceContext(t.db);
  const alpha = await createClient(root, { name: "Alpha Corp", siteName: "Alpha HQ" });
  const beta = await createClient(root, { name: "Beta Corp", siteName: "Beta HQ" });
  sitesOf.alpha = alpha.sites[0]!.id;
  sitesOf.beta = beta.sites[0]!.id;
  await seedUser(t.db, "otto", "operator");
  await seedUser(t.db, "ada", "admin");
  await seedUser(t.db, "rita", "operator");
  await seedUser(t.db, "vic", "viewer");
  await t.db.update(users).set({ clientIds: [alpha.id] }).where(eq(users.username, "rita"));
  operator = callerAs(t.db, await actorFor(t.db, "otto"));
  admin = callerAs(t.db, await actorFor(t.db, "ada"));
  restrictedOperator = callerAs(t.db, await actorFor(t.db, "rita"));
  viewer = callerAs(t.db, await actorFor(t.db, "vic"));
});
afterAll(() => t.close());

describe("rename", () => {
  it("shows the display name beside the host name, sorts and finds by it, and audits the change", async () => {
    const [id] = await seedAgents(sitesOf.alpha, { name: "DESKTOP-7QX2" });
    expect(await operator.agents.rename({ agentId: id!, displayName: "  Reception PC  " })).toEqual({ displayName: "Reception PC" });
    const listed = await operator.agents.list({ search: "reception" });
    expect(listed.items.map((agent) => [agent.name, agent.displayName])).toEqual([["DESKTOP-7QX2", "Reception PC"]]);
    expect(await audited("agent.rename", id!)).toMatchObject([{ actor: "otto", details: { hostname: "DESKTOP-7QX2", from: null, to: "Reception PC" } }]);
  });

  it("goes back to the host name when the display name is emptied", async () => {
    const [id] = await seedAgents(sitesOf.alpha, { name: "LAPTOP-1" });
    await operator.agents.rename({ agentId: id!, displayName: "Boss laptop" });
    expect(await operator.agents.rename({ agentId: id!, displayName: "   " })).toEqual({ displayName: null });
    expect((await rowsOf([id!]))[0]?.displayName).toBeNull();
  });

  it("refuses names over 64 characters, and viewers", async () => {
    const [id] = await seedAgents(sitesOf.alpha, { name: "PC-LONG" });
    expect(await codeOf(operator.agents.rename({ agentId: id!, displayName: "x".repeat(65) }))).toBe("BAD_REQUEST");
    expect(await codeOf(viewer.agents.rename({ agentId: id!, displayName: "Mine" }))).toBe("FORBIDDEN");
    expect((await rowsOf([id!]))[0]?.displayName).toBeNull();
  });

  it("sorts by the shown name: the display name where there is one, else the host name", async () => {
    const ids = await seedAgents(sitesOf.beta, { name: "zz-sort-b" }, { name: "zz-sort-c" }, { name: "zz-sort-x" });
    await operator.agents.rename({ agentId: ids[2]!, displayName: "zz-sort-a" });
    const page = await operator.agents.list({ search: "zz-sort", sortBy: "name" });
    expect(page.items.map((agent) => agent.agentId)).toEqual([ids[2], ids[0], ids[1]]);
  });
});

describe("bulk group", () => {
  it("moves every selected device to the group, creating it, one audit entry per device that moved", async () => {
    const ids = await seedAgents(sitesOf.alpha, { name: "G-1" }, { name: "G-2", groupName: "Lab" });
    expect(await operator.groups.assignMany({ agentIds: ids, group: " lab " })).toEqual({ group: "lab", changed: 2 });
    expect(await operator.groups.assignMany({ agentIds: ids, group: "LAB" })).toEqual({ group: "lab", changed: 0 });
    expect((await rowsOf(ids)).map((row) => row.groupName)).toEqual(["lab", "lab"]);
    expect(await audited("group.assign", ids[1]!)).toMatchObject([{ details: { from: "Lab", to: "lab" } }]);
  });

  it("changes nothing when one of the devices is unknown", async () => {
    const ids = await seedAgents(sitesOf.alpha, { name: "G-3" });
    expect(await codeOf(operator.groups.assignMany({ agentIds: [...ids, "no-such-agent"], group: "Never" }))).toBe("NOT_FOUND");
    expect((await rowsOf(ids))[0]?.groupName).toBe("Ungrouped");
    expect(await operator.groups.list()).not.toContain("Never");
  });
});

describe("bulk tags", () => {
  it("adds and removes tags case-insensitively, keeping each device's other tags", async () => {
    const ids = await seedAgents(sitesOf.alpha, { name: "T-1", tags: ["kiosk", "old"] }, { name: "T-2", tags: ["Finance"] });
    expect(await operator.agents.tag({ agentIds: ids, add: ["finance", " patch  ring 1 "], remove: ["OLD"] })).toEqual({ changed: 2 });
    expect((await rowsOf(ids)).map((row) => row.tags)).toEqual([
      ["kiosk", "finance", "patch ring 1"],
      ["Finance", "patch ring 1"],
    ]);
    expect(await audited("agent.tags", ids[0]!)).toMatchObject([{ details: { from: ["kiosk", "old"], to: ["kiosk", "finance", "patch ring 1"] } }]);
  });

  it("refuses a request that adds and removes nothing, and one that would exceed 20 tags", async () => {
    const many = Array.from({ length: 20 }, (_, index) => `t${index}`);
    const ids = await seedAgents(sitesOf.alpha, { name: "T-3", tags: many });
    expect(await codeOf(operator.agents.tag({ agentIds: ids, add: [], remove: [] }))).toBe("BAD_REQUEST");
    expect(await codeOf(operator.agents.tag({ agentIds: ids, add: ["one-more"] }))).toBe("BAD_REQUEST");
    expect((await rowsOf(ids))[0]?.tags).toEqual(many);
  });
});

describe("bulk remove", () => {
  it("is for admins: removes every selected device, audited, and they leave the list", async () => {
    const ids = await seedAgents(sitesOf.alpha, { name: "R-1" }, { name: "R-2" });
    expect(await codeOf(operator.agents.removeMany({ agentIds: ids }))).toBe("FORBIDDEN");
    expect(await admin.agents.removeMany({ agentIds: ids })).toEqual({ removed: 2 });
    expect((await admin.agents.list({ search: "R-" })).items.filter((agent) => ids.includes(agent.agentId))).toEqual([]);
    expect(await audited("agent.revoke", ids[0]!)).toHaveLength(1);
  });

  it("removes none when one was already removed", async () => {
    const ids = await seedAgents(sitesOf.alpha, { name: "R-3" }, { name: "R-4" });
    await admin.agents.removeMany({ agentIds: [ids[1]!] });
    expect(await codeOf(admin.agents.removeMany({ agentIds: ids }))).toBe("NOT_FOUND");
    expect((await rowsOf(ids)).map((row) => row.revokedAt === null)).toEqual([true, false]);
  });
});

describe("a selection that names a device of another client", () => {
  it("is refused as not found by every bulk action, and nothing changes", async () => {
    const [mine] = await seedAgents(sitesOf.alpha, { name: "MINE" });
    const [theirs] = await seedAgents(sitesOf.beta, { name: "THEIRS" });
    const agentIds = [mine!, theirs!];
    const before = await rowsOf(agentIds);
    const answers = await Promise.all([
      codeOf(restrictedOperator.groups.assignMany({ agentIds, group: "Stolen" })),
      codeOf(restrictedOperator.agents.tag({ agentIds, add: ["stolen"] })),
      codeOf(restrictedOperator.agents.moveToSite({ agentIds, siteId: sitesOf.alpha })),
    ]);
    expect(answers).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND"]);
    expect(await rowsOf(agentIds)).toEqual(before);
  });
});
