/**
 * Token families of the /api/v1 JWTs: one per sign-in. Refresh tokens rotate, and the family holds
 * the id (jti) of the only refresh token still valid, so a replayed older one is recognised and
 * the whole family revoked. Access tokens are valid only while their family is.
 */
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const apiTokenFamilies = pgTable(
  "api_token_families",
  {
    id: uuid("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    currentJti: uuid("current_jti").notNull(),
    /** How many times the refresh token was rotated (for the audit log). */
    generation: integer("generation").notNull().default(0),
    clientIp: text("client_ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the current refresh token expires; moves on with every rotation. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [index("api_token_families_user_idx").on(table.userId), index("api_token_families_expires_idx").on(table.expiresAt)],
);
