/** Test helpers: users of each role and tRPC callers acting as them. */
import { sql } from "drizzle-orm";
import type { Actor, Role } from "../server/auth/roles";
import type { CommandWaiters } from "../server/bus/command-waiters";
import type { Db } from "../server/db/client";
import { users } from "../server/db/schema";
import { createCaller } from "../server/routers";
import { createUser } from "../server/services/users";

export async function seedUser(db: Db, username: string, role: Role, options: { password?: string; totp?: boolean } = {}) {
  return createUser(db, null, { username, role, password: options.password ?? `${username}-password`, totp: options.totp });
}

export async function actorFor(db: Db, username: string): Promise<Actor> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  if (!row) throw new Error(`no user ${username}`);
  return { userId: row.id, username: row.username, role: row.role, via: "session" };
}

export function callerAs(db: Db, actor: Actor | null, options: { clientIp?: string; waiters?: CommandWaiters } = {}) {
  const waiters = () => options.waiters ?? unavailable();
  return createCaller({ db, actor, clientIp: options.clientIp ?? "127.0.0.1", waiters });
}

function unavailable(): never {
  throw new Error("this test has no command bus; pass `waiters`");
}
