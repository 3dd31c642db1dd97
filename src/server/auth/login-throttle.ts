/**
 * Sign-in throttling, stored in PostgreSQL so that every web process shares it.
 *
 * Two sliding windows of failed attempts:
 *  - per client address: 20 failures in 15 minutes;
 *  - per username: 10 failures in 5 minutes, from addresses that have never signed in as that
 *    user. An attacker guessing from elsewhere can therefore delay only strangers, never the
 *    real user at an address they have used before, and a lock ends 5 minutes after the guessing
 *    stops. Refused (throttled) attempts are not counted, so hammering does not extend a lock.
 */
import { and, desc, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog, loginFailures } from "../db/schema";

export const THROTTLE_RULES = {
  perAddress: { limit: 20, windowMs: 15 * 60_000 },
  perUsername: { limit: 10, windowMs: 5 * 60_000 },
} as const;

type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Seconds until the window holds fewer than `limit` failures, or 0 when it already does. */
function secondsUntilFree(timesNewestFirst: Date[], limit: number, windowMs: number, now: Date): number {
  if (timesNewestFirst.length < limit) return 0;
  const oldestCounted = timesNewestFirst[limit - 1]!;
  return Math.max(1, Math.ceil((oldestCounted.getTime() + windowMs - now.getTime()) / 1000));
}

async function recentFailures(db: Db, column: typeof loginFailures.clientIp | typeof loginFailures.username, value: string, rule: { limit: number; windowMs: number }, now: Date) {
  const rows = await db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(column, value), gt(loginFailures.at, new Date(now.getTime() - rule.windowMs))))
    .orderBy(desc(loginFailures.at))
    .limit(rule.limit);
  return rows.map((row) => row.at);
}

async function hasSignedInFrom(db: Db, username: string, clientIp: string): Promise<boolean> {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.login"), eq(auditLog.success, true), sql`lower(${auditLog.actor}) = ${username}`, eq(auditLog.clientIp, clientIp)))
    .limit(1);
  return Boolean(row);
}

export async function checkLoginThrottle(db: Db, input: { clientIp: string; username: string; now?: Date }): Promise<Verdict> {
  const now = input.now ?? new Date();
  const username = input.username.toLowerCase();
  const byAddress = secondsUntilFree(await recentFailures(db, loginFailures.clientIp, input.clientIp, THROTTLE_RULES.perAddress, now), THROTTLE_RULES.perAddress.limit, THROTTLE_RULES.perAddress.windowMs, now);
  let byUsername = secondsUntilFree(await recentFailures(db, loginFailures.username, username, THROTTLE_RULES.perUsername, now), THROTTLE_RULES.perUsername.limit, THROTTLE_RULES.perUsername.windowMs, now);
  if (byUsername > 0 && (await hasSignedInFrom(db, username, input.clientIp))) byUsername = 0;
  const wait = Math.max(byAddress, byUsername);
  return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
}

export async function recordLoginFailure(db: Db, input: { clientIp: string; username: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.insert(loginFailures).values({ clientIp: input.clientIp, username: input.username.toLowerCase(), at: now });
  // Keep the table small: nothing older than the longest window matters.
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - 24 * 60 * 60_000)));
}
