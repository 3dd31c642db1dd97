/** The latest notification deliveries with their outcome, so that a failing mail server or webhook is seen, not guessed. */
import { desc } from "drizzle-orm";
import type { Db } from "../db/client";
import { notificationDeliveries } from "../db/schema";

export const DELIVERY_LIST_LIMIT = 100;

export async function listDeliveries(db: Db) {
  const rows = await db.select().from(notificationDeliveries).orderBy(desc(notificationDeliveries.id)).limit(DELIVERY_LIST_LIMIT);
  return rows.map(({ id, alertId, channel, target, message, status, attempts, lastError, createdAt, sentAt, nextAttemptAt }) => ({
    id,
    alertId,
    channel,
    target,
    subject: message.subject,
    status,
    attempts,
    lastError,
    createdAt,
    sentAt,
    nextAttemptAt,
  }));
}
