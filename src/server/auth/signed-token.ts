/**
 * Short-lived signed tokens (stream tokens, relay tokens): `<prefix>.<payload>.<signature>`, the
 * payload a base64url JSON object and the signature HMAC-SHA256 over `<prefix>.<payload>`, checked
 * in constant time. The prefix names the kind and its version, so a token of one kind never passes
 * as another. What the claims mean, and their expiry, is the caller's. This module does no I/O.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { z } from "zod";

const MAX_TOKEN_LENGTH = 1024;

const signatureOf = (key: Buffer, prefix: string, payload: string) => createHmac("sha256", key).update(`${prefix}.${payload}`).digest();

export function signClaims(key: Buffer, prefix: string, claims: object): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${prefix}.${payload}.${signatureOf(key, prefix, payload).toString("base64url")}`;
}

/** The claims of an authentic token of this kind that match `schema`; null for anything else. */
export function verifiedClaims<Schema extends z.ZodType>(key: Buffer, prefix: string, token: string, schema: Schema): z.output<Schema> | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const [tokenPrefix, payload, signature, ...extra] = token.split(".");
  if (tokenPrefix !== prefix || !payload || !signature || extra.length > 0) return null;
  const given = Buffer.from(signature, "base64url");
  const wanted = signatureOf(key, prefix, payload);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
