/**
 * API keys for integrations (`X-API-KEY`). Only the SHA-256 of a key is stored; the key itself is
 * shown once at creation. A key acts as its creator, never with more than the creator's current
 * role.
 */
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { roleEnum, users } from "./users";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** The key's public beginning (`rmm_` and 8 characters), so people can tell their keys apart. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    role: roleEnum("role").notNull(),
    createdByUserId: integer("created_by_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The clients the key is limited to (null: no limit of its own); always within its creator's at use time. */
    clientIds: integer("client_ids").array(),
  },
  (table) => [index("api_keys_created_by_idx").on(table.createdByUserId)],
);
