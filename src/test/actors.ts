/** Test helpers: users of each role and tRPC callers acting as them. */
import { sql } from "drizzle-orm";
import type { Actor, Role } from "../server/auth/roles";
import type { CommandWaiters } from "../server/bus/command-waiters";
import type { Db } from "../server/db/client";
import { users } from "../server/db/schema";
import { createCaller } from "../server/routers";
import { createServiceContext, systemContext } from "../server/services/service-context";
import { createUser } from "../server/services/users";

export async function seedUser(db: Db, username: string, role: Role, options: { password?: string; totp?: boolean } = {}) {
  return createUser(systemContext(db), { username, role, password: options.password ?? `${username}-password`, totp: options.totp ?? false });
}

export async function actorFor(db: Db, username: string): Promise<Actor> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  if (!row) throw new Error(`no user ${username}`);
  return { userId: row.id, username: row.username, role: row.role, via: "session", clientIds: row.clientIds };
}

export function callerAs(db: Db, actor: Actor | null, options: { clientIp?: string; waiters?: CommandWaiters; commandTimeoutMs?: number; sessionToken?: string } = {}) {
  const waiters = () => options.waiters ?? unavailable();
  return createCaller({ db, actor, clientIp: options.clientIp ?? "127.0.0.1", waiters, commandTimeoutMs: options.commandTimeoutMs, sessionToken: options.sessionToken });
}

function unavailable(): never {
  throw new Error("this test has no command bus; pass `waiters`");
}

/** A service context acting as `actor` (an admin named "tester" by default), for calling services directly. */
export function testServiceContext(db: Db, actor: Actor = { userId: 0, username: "tester", role: "admin", via: "session", clientIds: null }, waiters?: CommandWaiters) {
  return createServiceContext({ db, actor, clientIp: "127.0.0.1", waiters: () => waiters ?? unavailable() });
}
