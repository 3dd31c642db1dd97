/**
 * Counters of rate-limiter-flexible's PostgreSQL store, shared by every web process: the API rate
 * limits and the sign-in throttle (src/server/rate-limit/). The library writes rows with a
 * positional `INSERT ... VALUES (key, points, expire)`, so these three columns, in this order, are
 * the whole table; it is created here (the migration owns it) and the library is told so.
 */
import { bigint, integer, pgTable, text } from "drizzle-orm/pg-core";

export const rateLimits = pgTable("rate_limits", {
  /** `<limiter>:<subject>`, for example `api-v1:203.0.113.7`. */
  key: text("key").primaryKey(),
  /** Points consumed in the current window. */
  points: integer("points").notNull().default(0),
  /** End of the current window, in milliseconds since the epoch (the writing process's clock). */
  expire: bigint("expire", { mode: "number" }),
});
