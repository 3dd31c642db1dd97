/**
 * Works the notification outbox every few seconds, in whichever web process runs the job: claims
 * due deliveries (`for update skip locked`, so two processes never send one twice), sends each, and
 * records the outcome. A failure is retried with exponential backoff (1, 2, 4, 8 min...) and, after
 * MAX_ATTEMPTS, left `failed` with its last error for the dashboard to show.
 */
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { alertProfiles, notificationDeliveries } from "../db/schema";
import { defineJob } from "../jobs/queue";
import { openIntegrationSecret } from "../services/integrations";
import { sendEmail, sendPushover, sendWebhook, type Notification } from "./senders";

export const MAX_ATTEMPTS = 6;
const BATCH = 20;
/** A delivery left `sending` this long (its process died mid-send) is tried again. */
const STUCK_MS = 5 * 60_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** (attempts - 1), 60 * 60_000);
}

type Delivery = typeof notificationDeliveries.$inferSelect;

async function send(db: Db, delivery: Delivery): Promise<void> {
  const notification = delivery.message as Notification;
  if (delivery.channel === "email") return sendEmail(db, delivery.target, notification);
  if (delivery.channel === "pushover") return sendPushover(db, notification);
  const [profile] = delivery.alertProfileId ? await db.select({ webhookSecret: alertProfiles.webhookSecret }).from(alertProfiles).where(eq(alertProfiles.id, delivery.alertProfileId)) : [];
  if (!profile?.webhookSecret) throw new Error("the alert profile no longer has a webhook signing key");
  return sendWebhook(delivery.target, openIntegrationSecret(profile.webhookSecret), notification);
}

/** Sends what is due; answers how many deliveries it handled. */
export async function dispatchNotifications(db: Db, now = new Date()): Promise<number> {
  const claimed = await db
    .update(notificationDeliveries)
    .set({ status: "sending", nextAttemptAt: new Date(now.getTime() + STUCK_MS) })
    .where(
      inArray(
        notificationDeliveries.id,
        sql`(select id from ${notificationDeliveries} where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}::timestamptz order by id limit ${BATCH} for update skip locked)`,
      ),
    )
    .returning();
  for (const delivery of claimed) {
    const attempts = delivery.attempts + 1;
    try {
      await send(db, delivery);
      await db.update(notificationDeliveries).set({ status: "sent", attempts, sentAt: new Date(), lastError: null }).where(eq(notificationDeliveries.id, delivery.id));
    } catch (error) {
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const failed = attempts >= MAX_ATTEMPTS;
      await db
        .update(notificationDeliveries)
        .set({ status: failed ? "failed" : "pending", attempts, lastError, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) })
        .where(and(eq(notificationDeliveries.id, delivery.id), lte(notificationDeliveries.attempts, attempts)));
    }
  }
  return claimed.length;
}

export const notificationDispatch = defineJob({
  name: "notification-dispatch",
  schedule: { everySeconds: 5 },
  // The next run, 5 s later, picks up whatever this one did not finish.
  retry: { retryLimit: 0 },
  timeoutSeconds: 120,
  run: async (_data, { db }) => {
    await dispatchNotifications(db);
  },
});
