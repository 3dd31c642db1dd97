/**
 * What signed-in users do to their own account: change their password and set up or remove TOTP.
 *
 * Anything that weakens the account asks for the current password, checked under the sign-in
 * throttle (src/server/auth/login-throttle.ts), so a stolen session cannot guess the password any
 * faster than the sign-in form allows. A new TOTP secret is inert until a code from it is
 * confirmed, so a mis-scanned secret never locks anyone out.
 */
import { and, eq, isNull } from "drizzle-orm";
import { beginLoginAttempt } from "../auth/login-throttle";
import { hashPassword, verifyPassword } from "../auth/password";
import { checkTotp, generateTotpSecret, totpUri } from "../auth/totp";
import type { AccountSummary, changePasswordInput, confirmTotpInput, disableTotpInput, TotpEnrolment } from "../contracts/account";
import type { EndedSignIns } from "../contracts/users";
import { users } from "../db/schema";
import { getTotpKey, openTotpSecret, sealTotpSecret } from "../auth/totp-secret-box";
import { AppError } from "../errors";
import type { ServiceContext } from "./service-context";
import { endSignIns } from "./user-sign-ins";
import type { z } from "zod";

type SelfContext = Pick<ServiceContext, "db" | "actor" | "audit" | "clientIp">;
type UserRow = typeof users.$inferSelect;

async function ownAccount(ctx: SelfContext): Promise<UserRow> {
  const [row] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "Your account no longer exists");
  return row;
}

function summarize(row: UserRow): AccountSummary {
  return { username: row.username, role: row.role, totpEnabled: row.totpSecret !== null };
}

/** The sign-in throttle guards this check too; a wrong password is audited as a failure of `action`. */
async function requireCurrentPassword(ctx: SelfContext, row: UserRow, password: string, action: string): Promise<void> {
  const attempt = await beginLoginAttempt(ctx.db, { clientIp: ctx.clientIp, username: row.username });
  if (!attempt.allowed) throw new AppError("TOO_MANY_REQUESTS", "Too many wrong passwords; try again later", { retryAfterSeconds: attempt.retryAfterSeconds });
  if (!(await verifyPassword(row.passwordHash, password))) {
    await ctx.audit({ action, target: row.username, success: false, details: { reason: "wrong current password" } });
    throw new AppError("BAD_REQUEST", "Your current password is not correct", { details: [{ field: "currentPassword", message: "is not correct" }] });
  }
  await attempt.succeeded();
}

export async function getOwnAccount(ctx: SelfContext): Promise<AccountSummary> {
  return summarize(await ownAccount(ctx));
}

/**
 * Every other session and every /api/v1 token family of the user ends: whoever else knew the old
 * password is signed out. The session making the change (`keepSessionToken`) stays signed in.
 */
export async function changeOwnPassword(ctx: SelfContext, input: z.output<typeof changePasswordInput>, keepSessionToken: string | null, now = new Date()): Promise<EndedSignIns> {
  const row = await ownAccount(ctx);
  await requireCurrentPassword(ctx, row, input.currentPassword, "account.password.change");
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.id));
    const ended = await endSignIns(tx, row.id, { keepSessionToken, now });
    await ctx.audit({ action: "account.password.change", target: row.username, details: { ended } }, tx);
    return ended;
  });
}

/** A fresh secret to scan; it replaces any earlier unconfirmed one and protects nothing until confirmed. */
export async function beginTotpEnrolment(ctx: SelfContext): Promise<TotpEnrolment> {
  const row = await ownAccount(ctx);
  if (row.totpSecret) throw new AppError("CONFLICT", "TOTP is already set up; remove it first to move to another authenticator");
  const secret = generateTotpSecret();
  // Sealed like the active secret: a pending one becomes it unchanged once confirmed.
  await ctx.db.update(users).set({ totpPendingSecret: sealTotpSecret(secret, getTotpKey()) }).where(and(eq(users.id, row.id), isNull(users.totpSecret)));
  return { secret, otpauthUri: totpUri(row.username, secret) };
}

/** A valid code from the new secret turns it on; that code counts as used, so it cannot sign anyone in. */
export async function confirmTotpEnrolment(ctx: SelfContext, input: z.output<typeof confirmTotpInput>, now = new Date()): Promise<AccountSummary> {
  const row = await ownAccount(ctx);
  if (row.totpSecret) throw new AppError("CONFLICT", "TOTP is already set up");
  const pending = row.totpPendingSecret;
  if (!pending) throw new AppError("CONFLICT", "Start the TOTP set-up first");
  const check = await checkTotp(openTotpSecret(pending, getTotpKey()), input.code, null, now);
  if (!check.valid) {
    throw new AppError("BAD_REQUEST", "The code does not match the new secret", {
      details: [{ field: "code", message: "is not the current code of the new secret; check the app and the device's clock" }],
    });
  }
  return ctx.db.transaction(async (tx) => {
    // Conditional: a set-up restarted in another tab in the meantime is not the secret the code was checked against.
    const [updated] = await tx
      .update(users)
      .set({ totpSecret: pending, totpLastStep: check.timeStep, totpPendingSecret: null })
      .where(and(eq(users.id, row.id), eq(users.totpPendingSecret, pending), isNull(users.totpSecret)))
      .returning();
    if (!updated) throw new AppError("CONFLICT", "The TOTP set-up changed in the meantime; start it again");
    await ctx.audit({ action: "account.totp.enable", target: row.username }, tx);
    return summarize(updated);
  });
}

export async function disableOwnTotp(ctx: SelfContext, input: z.output<typeof disableTotpInput>): Promise<AccountSummary> {
  const row = await ownAccount(ctx);
  if (!row.totpSecret) throw new AppError("CONFLICT", "TOTP is not set up");
  await requireCurrentPassword(ctx, row, input.currentPassword, "account.totp.disable");
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx.update(users).set({ totpSecret: null, totpLastStep: null, totpPendingSecret: null }).where(eq(users.id, row.id)).returning();
    await ctx.audit({ action: "account.totp.disable", target: row.username }, tx);
    return summarize(updated!);
  });
}
