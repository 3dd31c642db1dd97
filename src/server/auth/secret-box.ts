/**
 * Secrets at rest (TOTP secrets, SMTP passwords, Pushover tokens, webhook signing keys): sealed
 * with AES-256-GCM under a key derived from AUTH_SECRET with a label of their own, so a copy of the
 * database does not hand them out and no two uses share a key. Stored as
 * `v1:<iv>:<ciphertext and tag>` (base64url). This module does no I/O.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { requireSetting } from "../config";

export type SecretKey = Buffer;

const PREFIX = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** HKDF with a label per use, so these keys never equal the cookie or JWT keys derived from the same secret. */
export function deriveSecretKey(authSecret: string, label: string): SecretKey {
  return Buffer.from(hkdfSync("sha256", authSecret, Buffer.alloc(0), label, 32));
}

const processKeys = new Map<string, SecretKey>();

/** This process's key for a label, from the configured AUTH_SECRET. */
export function processSecretKey(label: string): SecretKey {
  let key = processKeys.get(label);
  if (!key) processKeys.set(label, (key = deriveSecretKey(requireSetting("AUTH_SECRET"), label)));
  return key;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function seal(secret: string, key: SecretKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${iv.toString("base64url")}:${sealed.toString("base64url")}`;
}

export class UnreadableSecret extends Error {}

/** The secret, or UnreadableSecret when the value is not sealed, was altered, or was sealed under another key. */
export function open(stored: string, key: SecretKey): string {
  if (!isSealed(stored)) throw new UnreadableSecret("it is kept in clear (the launcher seals such secrets at start-up)");
  const [, ivText, sealedText, ...rest] = stored.split(":");
  const iv = Buffer.from(ivText ?? "", "base64url");
  const sealed = Buffer.from(sealedText ?? "", "base64url");
  if (rest.length > 0 || iv.length !== IV_BYTES || sealed.length <= TAG_BYTES) throw new UnreadableSecret("it is malformed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new UnreadableSecret("it fails authentication: altered, or sealed under another AUTH_SECRET");
  }
}
