/** Every procedure answers 401 without a session and 403 below its minimum role. */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import type { Role } from "../auth/roles";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedUser(t.db, "vera", "viewer");
  await seedUser(t.db, "otto", "operator");
  await seedUser(t.db, "ada", "admin");
});
afterAll(() => t.close());

type Caller = ReturnType<typeof callerAs>;
const procedures: { name: string; minimum: Role; call: (caller: Caller) => Promise<unknown> }[] = [
  { name: "auth.me", minimum: "viewer", call: (c) => c.auth.me() },
  { name: "clients.list", minimum: "viewer", call: (c) => c.clients.list() },
  { name: "groups.list", minimum: "viewer", call: (c) => c.groups.list() },
  { name: "groups.create", minimum: "viewer", call: (c) => c.groups.create({ name: "Lab" }) },
  { name: "groups.assign", minimum: "operator", call: (c) => c.groups.assign({ agentId: "missing", group: "Lab" }) },
  { name: "clients.revoke", minimum: "operator", call: (c) => c.clients.revoke({ agentId: "missing" }) },
  { name: "processes.data", minimum: "viewer", call: (c) => c.processes.data({ agentId: "missing" }) },
  { name: "processes.kill", minimum: "operator", call: (c) => c.processes.kill({ agentId: "missing", processId: 1 }) },
  { name: "enrollment.list", minimum: "operator", call: (c) => c.enrollment.list() },
  { name: "enrollment.create", minimum: "operator", call: (c) => c.enrollment.create({ label: "x" }) },
  { name: "users.list", minimum: "admin", call: (c) => c.users.list() },
  { name: "users.create", minimum: "admin", call: (c) => c.users.create({ username: `u${Math.random().toString(36).slice(2, 8)}`, password: "password1", role: "viewer" }) },
  { name: "audit.list", minimum: "admin", call: (c) => c.audit.list() },
];

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

describe.each(procedures)("$name", ({ minimum, call }) => {
  it("is refused without a session (401)", async () => {
    expect(await codeOf(call(callerAs(t.db, null)))).toBe("UNAUTHORIZED");
  });

  it.each([
    ["vera", "viewer"],
    ["otto", "operator"],
    ["ada", "admin"],
  ] as const)("as %s (%s)", async (username, role) => {
    const code = await codeOf(call(callerAs(t.db, await actorFor(t.db, username))));
    const allowed = ["viewer", "operator", "admin"].indexOf(role) >= ["viewer", "operator", "admin"].indexOf(minimum);
    // An allowed call may still fail on its own terms (e.g. assigning a missing agent is NOT_FOUND).
    if (allowed) expect(code).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
    else expect(code).toBe("FORBIDDEN");
  });
});
