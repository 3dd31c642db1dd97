/**
 * The notification outbox: when an alert is raised, one delivery row per channel of its alert
 * profile (each email address, Pushover, the webhook), written by the gateway that raised it.
 * The notification job (dispatch-job.ts) works the rows with retries; nothing is sent inline, so a
 * slow mail server never holds up the evaluation of samples.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { alertProfiles, notificationDeliveries } from "../db/schema";
import type { Notification } from "./senders";

export async function queueAlertNotifications(db: Db, alertId: number, alertProfileId: string | null, notification: Notification): Promise<number> {
  if (!alertProfileId) return 0;
  const [profile] = await db.select().from(alertProfiles).where(eq(alertProfiles.id, alertProfileId));
  if (!profile) return 0;
  const rows = [
    ...profile.emails.map((email) => ({ channel: "email" as const, target: email })),
    ...(profile.pushover ? [{ channel: "pushover" as const, target: "pushover" }] : []),
    ...(profile.webhookUrl ? [{ channel: "webhook" as const, target: profile.webhookUrl }] : []),
  ];
  if (rows.length === 0) return 0;
  await db.insert(notificationDeliveries).values(rows.map((row) => ({ ...row, alertId, alertProfileId, message: notification })));
  return rows.length;
}
