/**
 * TOTP secrets at rest, sealed by the secret box (secret-box.ts) under a key of their own, so a
 * copy of the database (a backup, a dump) does not hand out everyone's second factor.
 */
import { deriveSecretKey, isSealed, open, processSecretKey, seal, UnreadableSecret, type SecretKey } from "./secret-box";

export type TotpKey = SecretKey;

const LABEL = "rmm-totp-v1";

export function deriveTotpKey(authSecret: string): TotpKey {
  return deriveSecretKey(authSecret, LABEL);
}

/** The key of this process, from the configured AUTH_SECRET. */
export function getTotpKey(): TotpKey {
  return processSecretKey(LABEL);
}

/** A stored value this module wrote (as opposed to a secret kept in clear by an older version). */
export const isSealedTotpSecret = isSealed;
export const sealTotpSecret = seal;
export const UnreadableTotpSecret = UnreadableSecret;
export const openTotpSecret = open;
