/**
 * Where alerts are sent: the SMTP and Pushover integrations (one row each; secrets sealed, see
 * auth/secret-box.ts), and an outbox of deliveries, one row per alert and channel, worked by the
 * notification job with retries and backoff. A failed delivery stays visible with its last error.
 */
import { index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { alertProfiles, alerts } from "./monitoring";

export const integrationNameEnum = pgEnum("integration_name", ["smtp", "pushover"]);

export const integrations = pgTable("integrations", {
  name: integrationNameEnum("name").primaryKey(),
  /** Settings safe to show (host, port, sender, user key...). */
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull(),
  /** The password or API token, sealed; null when none is needed. */
  sealedSecret: text("sealed_secret"),
  updatedBy: text("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const deliveryChannelEnum = pgEnum("delivery_channel", ["email", "pushover", "webhook"]);
export const deliveryStatusEnum = pgEnum("delivery_status", ["pending", "sending", "sent", "failed"]);

export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: serial("id").primaryKey(),
    alertId: integer("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    /** The alert profile that asked for it (its webhook signing key signs the request). */
    alertProfileId: uuid("alert_profile_id").references(() => alertProfiles.id, { onDelete: "cascade" }),
    channel: deliveryChannelEnum("channel").notNull(),
    /** An email address, the webhook URL, or `pushover`. */
    target: text("target").notNull(),
    /** What is sent: subject, text and the event payload. */
    message: jsonb("message").$type<{ subject: string; text: string; event: Record<string, unknown> }>().notNull(),
    status: deliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (table) => [index("notification_deliveries_due_idx").on(table.status, table.nextAttemptAt), index("notification_deliveries_alert_idx").on(table.alertId)],
);
