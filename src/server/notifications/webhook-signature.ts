/**
 * Webhook signatures: `X-RMM-Signature: sha256=<hex HMAC of "<timestamp>.<body>">` with the alert
 * profile's signing key, and `X-RMM-Timestamp` (Unix seconds), so a receiver can check that the
 * request comes from this server, unaltered, and refuse old replays.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-rmm-signature";
export const TIMESTAMP_HEADER = "x-rmm-timestamp";

export function signWebhook(body: string, key: string, timestamp: number): string {
  return `sha256=${createHmac("sha256", key).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (used by the tests, and documented for integrators). */
export function verifyWebhook(body: string, key: string, timestamp: number, signature: string): boolean {
  const expected = Buffer.from(signWebhook(body, key, timestamp));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
