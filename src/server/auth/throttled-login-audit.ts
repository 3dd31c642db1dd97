/**
 * The audit trail of refused (throttled) sign-in attempts, summarised: someone hammering the
 * sign-in would otherwise write one audit row per request, without bound. One entry per client
 * address and username per throttle window carries the count and the first and last attempt.
 */
import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import { recordAudit } from "../services/audit";
import { THROTTLE_RULES } from "./login-throttle";

/** The longest throttle window: a lock never outlasts it, so one entry covers one lock. */
export const THROTTLED_SUMMARY_SECONDS = Math.max(THROTTLE_RULES.perAddress.durationSeconds, THROTTLE_RULES.perUsername.durationSeconds);

export async function recordThrottledLogin(db: Db, input: { clientIp: string; username: string }, now: Date): Promise<void> {
  const username = input.username.toLowerCase();
  const at = now.toISOString();
  await db.transaction(async (tx) => {
    // Serialises the attempts of one address and username, so simultaneous ones add to one entry.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`auth.login throttled ${input.clientIp} ${username}`}, 0))`);
    const counted = await tx
      .update(auditLog)
      .set({ details: sql`${auditLog.details} || jsonb_build_object('attempts', coalesce((${auditLog.details} ->> 'attempts')::int, 1) + 1, 'lastAt', ${at}::text)` })
      .where(
        and(
          eq(auditLog.action, "auth.login"),
          eq(auditLog.success, false),
          sql`${auditLog.details} ->> 'reason' = 'throttled'`,
          eq(auditLog.clientIp, input.clientIp),
          sql`lower(${auditLog.target}) = ${username}`,
          gte(auditLog.at, new Date(now.getTime() - THROTTLED_SUMMARY_SECONDS * 1000)),
        ),
      )
      .returning({ id: auditLog.id });
    if (counted.length > 0) return;
    await recordAudit(tx, { at: now, actor: null, action: "auth.login", target: input.username, success: false, clientIp: input.clientIp, details: { reason: "throttled", attempts: 1, firstAt: at, lastAt: at } });
  });
}
