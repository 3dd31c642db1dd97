/**
 * Sign-in throttling, counted in PostgreSQL (src/server/rate-limit/store.ts) so that every web
 * process shares it.
 *
 * Two fixed windows of failed attempts, each starting with its first failure:
 *  - per client address: 20 failures in 15 minutes;
 *  - per username: 10 failures in 5 minutes. An address that has signed in as that user before is
 *    exempt from this lock, so an attacker guessing from elsewhere can delay only strangers, never
 *    the real user at an address they have used before, and a lock ends at most 5 minutes after
 *    the guessing started. Throttled (refused) attempts do not move a window's end, so hammering
 *    does not extend a lock, and one refused by the username rule is not counted against its address.
 *
 * Check and count are one step: an attempt takes its point (one atomic upsert) before the password
 * is verified, and a successful sign-in gives it back. Parallel attempts therefore cannot all pass
 * a check made before any of them was counted: of 60 simultaneous guesses from one address, at
 * most 20 are evaluated.
 *
 * The windows run on the process clock (the library reads `Date.now()`). A store failure throws:
 * signing in needs the same database anyway, so the throttle fails closed.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import { createPostgresLimiter, perDb, takePoint, type PointTaken } from "../rate-limit/store";

export const THROTTLE_RULES = {
  perAddress: { points: 20, durationSeconds: 15 * 60 },
  perUsername: { points: 10, durationSeconds: 5 * 60 },
} as const;

export type LoginAttempt =
  | { allowed: true; /** Gives the attempt's points back: a success is not a failure. */ succeeded(): Promise<void> }
  | { allowed: false; retryAfterSeconds: number };

const limitersOf = perDb((db) => ({
  perAddress: createPostgresLimiter(db, "login-address", THROTTLE_RULES.perAddress),
  perUsername: createPostgresLimiter(db, "login-username", THROTTLE_RULES.perUsername),
}));

const refused = (taken: PointTaken): LoginAttempt => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(taken.msBeforeReset / 1000)) });

async function hasSignedInFrom(db: Db, username: string, clientIp: string): Promise<boolean> {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.login"), eq(auditLog.success, true), sql`lower(${auditLog.actor}) = ${username}`, eq(auditLog.clientIp, clientIp)))
    .limit(1);
  return Boolean(row);
}

/** Counts an attempt as a failure up front; call `succeeded()` once the credentials proved right. */
export async function beginLoginAttempt(db: Db, input: { clientIp: string; username: string }): Promise<LoginAttempt> {
  const { perAddress, perUsername } = limitersOf(db);
  const address = input.clientIp;
  const username = input.username.toLowerCase();

  const byAddress = await takePoint(perAddress, address);
  if (!byAddress.allowed) return refused(byAddress);

  const byUsername = await takePoint(perUsername, username);
  if (!byUsername.allowed && !(await hasSignedInFrom(db, username, address))) {
    await perAddress.reward(address);
    return refused(byUsername);
  }

  return {
    allowed: true,
    async succeeded() {
      await Promise.all([perAddress.reward(address), perUsername.reward(username)]);
    },
  };
}
