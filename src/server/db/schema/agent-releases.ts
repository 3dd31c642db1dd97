/**
 * Agent releases the server offers for self-update: one row per platform and version, published
 * (first seen) when a gateway finds them in agent/dist/release.json. The publication time starts
 * the update rings' clock.
 */
import { bigint, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

export const agentReleases = pgTable(
  "agent_releases",
  {
    /** Node's process.platform of the executable ("win32", "linux"), as agents report it. */
    platform: text("platform").notNull(),
    version: text("version").notNull(),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    /** File name in agent/dist. */
    file: text("file").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.platform, table.version] })],
);
