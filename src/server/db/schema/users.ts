/** Dashboard users and their sessions (one store for REST, tRPC and the next-auth dashboard). */
import { bigint, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

export const roleEnum = pgEnum("role", ["viewer", "operator", "admin"]);

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    username: text("username").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull(),
    totpSecret: text("totp_secret"),
    /** Highest TOTP time step accepted so far; a code at or below it is a replay. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    /** A secret being set up by its user; it replaces nothing until a code from it is confirmed. */
    totpPendingSecret: text("totp_pending_secret"),
    /** Set while an admin has disabled the account: no sign-in, session, token or API key of it works. */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    /** The clients whose agents the user may see and act on; null for every client. */
    clientIds: integer("client_ids").array(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("users_username_lower_idx").on(sql`lower(${table.username})`)],
);

export const sessionKindEnum = pgEnum("session_kind", ["password", "sso"]);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the session token; the token itself only lives in the client's cookie. */
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: sessionKindEnum("kind").notNull(),
    clientIp: text("client_ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("sessions_user_idx").on(table.userId)],
);

/** SSO signatures already used, kept until they could no longer be accepted anyway. */
export const usedSsoSignatures = pgTable("used_sso_signatures", {
  signature: text("signature").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
