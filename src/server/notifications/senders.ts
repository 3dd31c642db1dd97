/**
 * One sender per channel: email through the configured SMTP server (nodemailer), Pushover's
 * message API, and webhooks (a signed JSON POST). Each throws with a reason a technician can act on
 * ("SMTP is not configured", "the webhook answered 500"); the outbox records it and retries.
 */
import nodemailer from "nodemailer";
import { getConfig } from "../config";
import type { Db } from "../db/client";
import { pushoverConfig, smtpConfig } from "../services/integrations";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from "./webhook-signature";

export type Notification = { subject: string; text: string; event: Record<string, unknown> };

const SEND_TIMEOUT_MS = 15_000;

export async function sendEmail(db: Db, to: string, notification: Notification): Promise<void> {
  const smtp = await smtpConfig(db);
  if (!smtp) throw new Error("SMTP is not configured or is switched off");
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.username ? { auth: { user: smtp.username, pass: smtp.password ?? "" } } : {}),
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from: smtp.from, to, subject: notification.subject, text: notification.text });
  } finally {
    transport.close();
  }
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { method: "POST", headers, body, redirect: "error", signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`${new URL(url).host} answered ${response.status}`);
}

export async function sendPushover(db: Db, notification: Notification): Promise<void> {
  const pushover = await pushoverConfig(db);
  if (!pushover) throw new Error("Pushover is not configured or is switched off");
  const form = new URLSearchParams({ token: pushover.token, user: pushover.userKey, title: notification.subject, message: notification.text });
  await post(getConfig().PUSHOVER_API_URL, form.toString(), { "content-type": "application/x-www-form-urlencoded" });
}

export async function sendWebhook(url: string, signingKey: string, notification: Notification, now = Date.now()): Promise<void> {
  const body = JSON.stringify({ subject: notification.subject, text: notification.text, event: notification.event });
  const timestamp = Math.floor(now / 1000);
  await post(url, body, { "content-type": "application/json", [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signWebhook(body, signingKey, timestamp) });
}
