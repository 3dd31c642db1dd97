/**
 * `GET /auth/sso`: a trusted system signs `username + ":" + ts` with SSO_SECRET (hex HMAC-SHA256,
 * ts in milliseconds). Accepted within five minutes of our clock, each signature once, compared
 * in constant time. The session lasts five minutes.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { usedSsoSignatures, users } from "../db/schema";
import { AppError } from "../errors";
import { recordAudit } from "../services/audit";
import { SSO_SESSION_SECONDS } from "./session-cookie";
import { createSession } from "./sessions";
import { recordSignIn, type LoginResult } from "./login";

export const SSO_MAX_SKEW_MS = 5 * 60_000;

export function signSso(secret: string, username: string, ts: number | string): string {
  return createHmac("sha256", secret).update(`${username}:${ts}`).digest("hex");
}

export type SsoInput = { username: string; ts: string; sig: string; clientIp: string };

export async function ssoLogin(db: Db, secret: string, input: SsoInput, now = new Date()): Promise<LoginResult> {
  const refuse = async (reason: string): Promise<never> => {
    await recordAudit(db, { actor: null, action: "auth.sso", target: input.username, success: false, clientIp: input.clientIp, details: { reason } });
    throw new AppError("UNAUTHORIZED", "Invalid or expired single sign-on link");
  };

  const ts = Number(input.ts);
  if (!/^\d{1,16}$/.test(input.ts) || Math.abs(now.getTime() - ts) > SSO_MAX_SKEW_MS) return refuse("timestamp");
  const expected = Buffer.from(signSso(secret, input.username, input.ts), "hex");
  const given = /^[0-9a-f]{64}$/i.test(input.sig) ? Buffer.from(input.sig, "hex") : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse("signature");

  const [user] = await db.select().from(users).where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`).limit(1);
  if (!user) return refuse("unknown user");
  if (user.disabledAt) return refuse("disabled");

  return db.transaction(async (tx) => {
    // The primary key makes a second use of the same signature fail, even between processes.
    const fresh = await tx
      .insert(usedSsoSignatures)
      .values({ signature: input.sig.toLowerCase(), expiresAt: new Date(ts + SSO_MAX_SKEW_MS) })
      .onConflictDoNothing()
      .returning({ signature: usedSsoSignatures.signature });
    if (fresh.length === 0) return refuse("replayed");
    await tx.delete(usedSsoSignatures).where(lt(usedSsoSignatures.expiresAt, now));
    const session = await createSession(tx, { userId: user.id, kind: "sso", clientIp: input.clientIp, ttlSeconds: SSO_SESSION_SECONDS, now });
    await recordSignIn(tx, user.id, now);
    await recordAudit(tx, { actor: user.username, action: "auth.sso", target: user.username, clientIp: input.clientIp });
    return { username: user.username, role: user.role, sessionToken: session.token, maxAgeSeconds: SSO_SESSION_SECONDS };
  });
}
