/**
 * The sign-in service shared by `POST /auth/login` and the dashboard's next-auth provider:
 * throttle, password (argon2id), TOTP without replay, session, audit (throttled attempts
 * summarised). A failure never says which part was wrong. `verifyLogin` is the same without the
 * session, for callers that issue another credential.
 */
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { AppError } from "../errors";
import { recordAudit } from "../services/audit";
import { beginLoginAttempt } from "./login-throttle";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { AuthMethod, Role } from "./roles";
import { PASSWORD_SESSION_SECONDS } from "./session-cookie";
import { createSession } from "./sessions";
import { recordThrottledLogin } from "./throttled-login-audit";
import { checkTotp } from "./totp";
import { getTotpKey, openTotpSecret, UnreadableTotpSecret } from "./totp-secret-box";

export type LoginInput = { username: string; password: string; totp?: string | null; clientIp: string };
export type LoginResult = { username: string; role: Role; sessionToken: string; maxAgeSeconds: number };
export type VerifiedUser = { id: number; username: string; role: Role };

const INVALID = "Invalid username, password or one-time code";

/**
 * Throttle, password and TOTP, with the failure audited: the part of signing in that every way of
 * starting a session shares (a cookie session here, JWTs for `/api/v1`). The caller records the
 * success with `auditLoginSuccess` once it has issued its credential.
 */
export async function verifyLogin(db: Db, input: LoginInput, now = new Date()): Promise<VerifiedUser> {
  const attempt = await beginLoginAttempt(db, { clientIp: input.clientIp, username: input.username });
  if (!attempt.allowed) {
    await recordThrottledLogin(db, input, now);
    throw new AppError("TOO_MANY_REQUESTS", "Too many failed sign-in attempts; try again later", { retryAfterSeconds: attempt.retryAfterSeconds });
  }

  const [user] = await db.select().from(users).where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`).limit(1);
  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  const secondFactorOk = passwordOk && user ? await acceptTotp(db, user, input.totp ?? "", now) : false;

  if (!user || !passwordOk || !secondFactorOk) {
    await recordAudit(db, { actor: null, action: "auth.login", target: input.username, success: false, clientIp: input.clientIp });
    throw new AppError("UNAUTHORIZED", INVALID);
  }
  if (user.disabledAt) {
    // The same answer as a wrong password: only the audit log says why (the attempt stays counted).
    await recordAudit(db, { actor: null, action: "auth.login", target: user.username, success: false, clientIp: input.clientIp, details: { reason: "disabled" } });
    throw new AppError("UNAUTHORIZED", INVALID);
  }
  await attempt.succeeded();
  await recordSignIn(db, user.id, now);
  return { id: user.id, username: user.username, role: user.role };
}

/** What the users list shows as "last sign-in", for every way of signing in. */
export async function recordSignIn(db: Pick<Db, "update">, userId: number, now: Date): Promise<void> {
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
}

/** The audit entry of a successful sign-in; it is also what exempts this address from the username throttle later. */
export async function auditLoginSuccess(db: Db, user: VerifiedUser, clientIp: string, via: AuthMethod = "session"): Promise<void> {
  await recordAudit(db, { actor: user.username, via, action: "auth.login", target: user.username, clientIp });
}

export async function login(db: Db, input: LoginInput, now = new Date()): Promise<LoginResult> {
  const user = await verifyLogin(db, input, now);
  const session = await createSession(db, { userId: user.id, kind: "password", clientIp: input.clientIp, ttlSeconds: PASSWORD_SESSION_SECONDS, now });
  await auditLoginSuccess(db, user, input.clientIp);
  return { username: user.username, role: user.role, sessionToken: session.token, maxAgeSeconds: PASSWORD_SESSION_SECONDS };
}

/** True when the user has no TOTP, or the code is valid and newer than any code accepted before. */
async function acceptTotp(db: Db, user: typeof users.$inferSelect, code: string, now: Date): Promise<boolean> {
  if (!user.totpSecret) return true;
  const secret = readTotpSecret(user.username, user.totpSecret);
  if (secret === null) return false;
  const check = await checkTotp(secret, code, user.totpLastStep, now);
  if (!check.valid) return false;
  // Conditional update: two simultaneous requests with the same code cannot both win.
  const claimed = await db
    .update(users)
    .set({ totpLastStep: check.timeStep })
    .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, check.timeStep))))
    .returning({ id: users.id });
  return claimed.length === 1;
}

/**
 * The user's secret, or null when it cannot be read: the sign-in then fails closed with the usual
 * answer, and only the server log says why (an AUTH_SECRET that changed since the secret was sealed).
 */
function readTotpSecret(username: string, stored: string): string | null {
  try {
    return openTotpSecret(stored, getTotpKey());
  } catch (error) {
    if (!(error instanceof UnreadableTotpSecret)) throw error;
    console.error(`[auth] sign-in of '${username}' refused: its stored TOTP secret cannot be decrypted: ${error.message}.`);
    return null;
  }
}
