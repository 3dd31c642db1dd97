/**
 * The role matrix, derived from the procedures' own metadata: every procedure answers 401
 * without a session and 403 below its declared role, and lets its role and those above through.
 * A procedure added later is covered without touching this file.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { invokeProcedure, procedureDefinitions } from "../api/route-table";
import { hasRole, ROLES } from "../auth/roles";
import { NAV } from "../../components/nav-items";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedUser(t.db, "vera", "viewer");
  await seedUser(t.db, "otto", "operator");
  await seedUser(t.db, "ada", "admin");
});
afterAll(() => t.close());

const USERS = { viewer: "vera", operator: "otto", admin: "ada" } as const;
const procedures = procedureDefinitions().map(([path, def]) => ({ path, minRole: def.meta?.minRole }));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

it("every procedure declares its role", () => {
  expect(procedures.length).toBeGreaterThan(10);
  expect(procedures.filter((p) => !p.minRole).map((p) => p.path)).toEqual([]);
});

it("refuses people, whatever their role, on what only an agent may call for itself", async () => {
  const agentOnly = procedures.filter((p) => p.minRole === "agent");
  expect(agentOnly.length).toBeGreaterThan(0);
  for (const { path } of agentOnly) {
    expect(await codeOf(invokeProcedure(callerAs(t.db, null), path, {}))).toBe("UNAUTHORIZED");
    expect(await codeOf(invokeProcedure(callerAs(t.db, await actorFor(t.db, "ada")), path, {}))).toBe("FORBIDDEN");
  }
});

it("every procedure declares the schema of its answer", () => {
  const withoutOutput = procedureDefinitions().filter(([, def]) => !def.output).map(([path]) => path);
  expect(withoutOutput).toEqual([]);
});

it("every navigation entry names a real procedure", () => {
  const paths = new Set(procedures.map((p) => p.path));
  expect(NAV.filter((item) => !paths.has(item.procedure)).map((item) => item.procedure)).toEqual([]);
});

describe.each(procedures.filter((p) => p.minRole !== "public" && p.minRole !== "agent"))("$path ($minRole)", ({ path, minRole }) => {
  // An empty input: allowed callers get past the role check and then fail validation or lookup
  // (or succeed, for reads), which is all this matrix needs to see.
  it("is refused without a session (401)", async () => {
    expect(await codeOf(invokeProcedure(callerAs(t.db, null), path, {}))).toBe("UNAUTHORIZED");
  });

  it.each(ROLES)("as a %s", async (role) => {
    const code = await codeOf(invokeProcedure(callerAs(t.db, await actorFor(t.db, USERS[role])), path, {}));
    if (hasRole(role, minRole as (typeof ROLES)[number])) expect(code).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
    else expect(code).toBe("FORBIDDEN");
  });
});
