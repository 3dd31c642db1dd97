/** The audit log: who did what, when, from where. Written by services, read by admins. */
import { bigserial, boolean, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Username of the actor; null when nobody is signed in (a failed sign-in, the launcher). */
    actor: text("actor"),
    /** How the actor authenticated: session, sso, jwt or api-key. */
    via: text("via"),
    action: text("action").notNull(),
    target: text("target"),
    success: boolean("success").notNull().default(true),
    clientIp: text("client_ip"),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (table) => [index("audit_log_at_idx").on(table.at)],
);
