/**
 * The database handle. Services receive a `Db` as a parameter (so tests pass their own);
 * runtime code gets the process-wide one from `getDb()`.
 */
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { requireSetting } from "../config";
import { reconnectBackoffSeconds } from "./availability";
import * as schema from "./schema";

export type Sql = postgres.Sql;
/** `$client` is the pool underneath, for the few callers that speak SQL text (the rate limiter's store). */
export type Db = PostgresJsDatabase<typeof schema> & { $client: Sql };

export function createDb(url: string, options: { max?: number } = {}): { db: Db; sql: Sql } {
  const sql = postgres(url, { max: options.max ?? 10, backoff: reconnectBackoffSeconds, onnotice: () => {} });
  return { db: drizzle(sql, { schema }), sql };
}

// Kept on globalThis so that Next's module reloading in development does not open new pools.
const holder = globalThis as unknown as { rmmDb?: { db: Db; sql: Sql } };

export function getDb(): Db {
  holder.rmmDb ??= createDb(requireSetting("DATABASE_URL"));
  return holder.rmmDb.db;
}

/** Closes the process-wide pool (graceful shutdown). */
export async function closeDb(): Promise<void> {
  await holder.rmmDb?.sql.end({ timeout: 5 });
  holder.rmmDb = undefined;
}
