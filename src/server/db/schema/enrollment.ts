/** Enrollment tokens: how a new agent proves it may join. Only the hash of a token is stored. */
import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sites } from "./tenancy";

export const enrollmentTokens = pgTable(
  "enrollment_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    label: text("label").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    maxUses: integer("max_uses").notNull(),
    uses: integer("uses").notNull().default(0),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Where agents enrolled with this token belong; null for the default site. */
    siteId: integer("site_id").references(() => sites.id),
  },
  (table) => [check("enrollment_tokens_uses_check", sql`${table.uses} <= ${table.maxUses}`)],
);
