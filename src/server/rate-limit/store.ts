/**
 * rate-limiter-flexible's PostgreSQL store, over the product's own driver and table.
 *
 * RateLimiterPostgres needs only a `pg`-style client: with `storeType: "pool"` it calls
 * `client.query({ name?, text, values })` and reads `rows` and `rowCount` of the answer, nothing
 * else. Porsager's `sql.unsafe(text, values)` answers that, so the product keeps a single
 * PostgreSQL driver (and pool). Each consume is one `INSERT ... ON CONFLICT DO UPDATE ...
 * RETURNING`, so the check and the count are atomic across processes.
 *
 * The table (`rate_limits`) belongs to the migrations, so limiters never create it. Expired rows
 * are deleted by the web processes' hourly maintenance (`deleteExpiredRateLimits`), not by the
 * library's own five-minute timer in every limiter of every process.
 */
import { getTableName, lt } from "drizzle-orm";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { Db, Sql } from "../db/client";
import { rateLimits } from "../db/schema";

/** Points allowed per window, and the window's length. Windows are fixed: they start with the first point. */
export type LimiterRule = { points: number; durationSeconds: number };

type PgStyleQuery = { name?: string; text: string; values?: unknown[] };
type SqlParameters = NonNullable<Parameters<Sql["unsafe"]>[1]>;

/** The part of a `pg` client the library uses. The statement `name` is not needed: porsager prepares by text. */
export function pgStyleClient(sql: Sql) {
  return {
    async query({ text, values = [] }: PgStyleQuery): Promise<{ rows: Record<string, unknown>[]; rowCount: number }> {
      const result = await sql.unsafe(text, values as SqlParameters, { prepare: true });
      return { rows: [...result], rowCount: result.count };
    },
  };
}

/** A limiter whose counters live in `rate_limits` under keys `<keyPrefix>:<subject>`. */
export function createPostgresLimiter(db: Db, keyPrefix: string, rule: LimiterRule): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: pgStyleClient(db.$client),
    storeType: "pool",
    tableName: getTableName(rateLimits),
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix,
    points: rule.points,
    duration: rule.durationSeconds,
  });
}

export type PointTaken = { allowed: boolean; remaining: number; msBeforeReset: number };

/** Takes one point. Running out of points is an answer (`allowed: false`); a store failure throws. */
export async function takePoint(limiter: RateLimiterPostgres, subject: string): Promise<PointTaken> {
  let res: RateLimiterRes;
  let allowed = true;
  try {
    res = await limiter.consume(subject);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    res = error;
    allowed = false;
  }
  return { allowed, remaining: res.remainingPoints, msBeforeReset: Math.max(0, res.msBeforeNext) };
}

/**
 * Builds something once per database handle: once per process for `getDb()`, once per test
 * database in tests, and again after `closeDb()` hands out a new handle.
 */
export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}

/**
 * Deletes counters whose window ended over an hour ago. The hour's margin keeps a process with a
 * slightly late clock from losing a live count; an expired row is harmless meanwhile (the next
 * consume starts a new window on it).
 */
export async function deleteExpiredRateLimits(db: Db, now = Date.now()): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.expire, now - 60 * 60_000));
}
