import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { agents, auditLog, groups } from "../db/schema";

let t: TestDatabase;
let operator: ReturnType<typeof callerAs>;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedUser(t.db, "otto", "operator");
  operator = callerAs(t.db, await actorFor(t.db, "otto"));
  await t.db.insert(agents).values({ id: "agent-1", name: "PC-01", secretHash: "x" });
});
afterAll(() => t.close());

describe("groups", () => {
  it("always lists Ungrouped, sorted with the others", async () => {
    await operator.groups.create({ name: "zeta" });
    await operator.groups.create({ name: "Alpha" });
    expect(await operator.groups.list()).toEqual(["Alpha", "Ungrouped", "zeta"]);
  });

  it("normalises names and keeps one spelling per name, case-insensitively", async () => {
    expect(await operator.groups.create({ name: "  Front   Desk " })).toEqual({ name: "Front Desk" });
    expect(await operator.groups.create({ name: "front desk" })).toEqual({ name: "Front Desk" });
    const rows = await t.db.select().from(groups).where(eq(groups.name, "Front Desk"));
    expect(rows).toHaveLength(1);
  });

  it("assigns an agent to a normalised group, creating it, and audits the change", async () => {
    expect(await operator.groups.assign({ agentId: "agent-1", group: "  Shop  Floor" })).toEqual({ group: "Shop Floor" });
    const [agent] = await t.db.select().from(agents).where(eq(agents.id, "agent-1"));
    expect(agent?.groupName).toBe("Shop Floor");
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, "group.assign"));
    expect(entries[0]).toMatchObject({ actor: "otto", target: "agent-1", details: { from: "Ungrouped", to: "Shop Floor" } });
  });

  it("answers NOT_FOUND for an unknown agent and creates nothing", async () => {
    const error = await operator.groups.assign({ agentId: "nope", group: "Ghost Group" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    expect(await operator.groups.list()).not.toContain("Ghost Group");
  });

  it("refuses empty and over-long names before writing", async () => {
    for (const name of ["", "   ", "x".repeat(65)]) {
      await expect(operator.groups.create({ name })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
  });
});
