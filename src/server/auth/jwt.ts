/**
 * The /api/v1 JSON Web Tokens as such: signing and verifying (HS256) with a key derived from
 * AUTH_SECRET, and the claims they carry. Whether a token's family is still valid is the token
 * service's business (services/api-tokens.ts); this module does no I/O.
 */
import { createHmac } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { requireSetting } from "../config";

/** The HS256 signing key. Derived, so the JWT key never equals the key that encrypts cookies. */
export type JwtKey = Uint8Array;

export type TokenType = "access" | "refresh";

/** What a token says: its user (`sub`), kind (`typ`), family (`fid`) and own id (`jti`). */
export type TokenClaims = { userId: number; typ: TokenType; familyId: string; jti: string; expiresAt: Date };

const ALGORITHM = "HS256";
/** Far beyond any token we issue; longer input is refused without parsing. */
const MAX_TOKEN_LENGTH = 4096;

export function deriveJwtKey(authSecret: string): JwtKey {
  return createHmac("sha256", authSecret).update("rmm-jwt-v1").digest();
}

let processKey: JwtKey | undefined;

/** The key of this process, from the configured AUTH_SECRET. */
export function getJwtKey(): JwtKey {
  processKey ??= deriveJwtKey(requireSetting("AUTH_SECRET"));
  return processKey;
}

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export async function signToken(key: JwtKey, claims: Omit<TokenClaims, "expiresAt">, ttlSeconds: number, now: Date): Promise<string> {
  return new SignJWT({ typ: claims.typ, fid: claims.familyId })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(String(claims.userId))
    .setJti(claims.jti)
    .setIssuedAt(epochSeconds(now))
    .setExpirationTime(epochSeconds(now) + ttlSeconds)
    .sign(key);
}

const payloadSchema = z.object({
  sub: z.string().regex(/^[1-9][0-9]{0,9}$/),
  typ: z.enum(["access", "refresh"]),
  fid: z.uuid(),
  jti: z.uuid(),
  exp: z.number(),
});

/** The claims of an authentic, unexpired token of the expected type; null for anything else. */
export async function verifyToken(key: JwtKey, token: string, expected: TokenType | "any", now: Date): Promise<TokenClaims | null> {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: [ALGORITHM], currentDate: now, requiredClaims: ["exp", "jti", "sub"] });
    const claims = payloadSchema.safeParse(payload);
    if (!claims.success || (expected !== "any" && claims.data.typ !== expected)) return null;
    const { sub, typ, fid, jti, exp } = claims.data;
    return { userId: Number(sub), typ, familyId: fid, jti, expiresAt: new Date(exp * 1000) };
  } catch (error) {
    // Bad signature, malformed, expired: all simply "not a valid token".
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}
