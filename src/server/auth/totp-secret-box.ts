/**
 * TOTP secrets at rest: sealed with AES-256-GCM under a key derived from AUTH_SECRET, so a copy of
 * the database (a backup, a dump) does not hand out everyone's second factor. Stored as
 * `v1:<iv>:<ciphertext and tag>` (base64url). This module does no I/O.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { requireSetting } from "../config";

export type TotpKey = Buffer;

const PREFIX = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** HKDF with its own label, so this key never equals the cookie or JWT keys derived from the same secret. */
export function deriveTotpKey(authSecret: string): TotpKey {
  return Buffer.from(hkdfSync("sha256", authSecret, Buffer.alloc(0), "rmm-totp-v1", 32));
}

let processKey: TotpKey | undefined;

/** The key of this process, from the configured AUTH_SECRET. */
export function getTotpKey(): TotpKey {
  processKey ??= deriveTotpKey(requireSetting("AUTH_SECRET"));
  return processKey;
}

/** A stored value this module wrote (as opposed to a secret kept in clear by an older version). */
export function isSealedTotpSecret(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function sealTotpSecret(secret: string, key: TotpKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${iv.toString("base64url")}:${sealed.toString("base64url")}`;
}

export class UnreadableTotpSecret extends Error {}

/** The secret, or UnreadableTotpSecret when the value is not ours, was altered, or was sealed under another key. */
export function openTotpSecret(stored: string, key: TotpKey): string {
  if (!isSealedTotpSecret(stored)) throw new UnreadableTotpSecret("it is kept in clear (the launcher seals such secrets at start-up)");
  const [, ivText, sealedText, ...rest] = stored.split(":");
  const iv = Buffer.from(ivText ?? "", "base64url");
  const sealed = Buffer.from(sealedText ?? "", "base64url");
  if (rest.length > 0 || iv.length !== IV_BYTES || sealed.length <= TAG_BYTES) throw new UnreadableTotpSecret("it is malformed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new UnreadableTotpSecret("it fails authentication: altered, or sealed under another AUTH_SECRET");
  }
}
