/**
 * What admins do to existing accounts: disable and enable them, change their role, reset their
 * password, end their sessions. Each change commits together with its audit entry.
 *
 * Two rules keep the product administrable: an admin cannot lock themselves out here (disable,
 * demote or reset their own account), and the last active admin can be neither disabled nor
 * demoted. Every change runs under one transaction-scoped lock, so two admins disabling each
 * other at the same moment cannot leave none; user administration is rare enough for that.
 */
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { hashPassword } from "../auth/password";
import type { EndedSignIns, resetPasswordInput, setClientsInput, setRoleInput, UserSummary, userTargetInput } from "../contracts/users";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { AppError } from "../errors";
import { checkClientRestriction } from "./clients";
import type { ServiceContext } from "./service-context";
import { endSignIns } from "./user-sign-ins";
import { summarizeUser, usernameIs } from "./users";
import type { z } from "zod";

type AdminContext = Pick<ServiceContext, "db" | "actor" | "audit">;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type UserRow = typeof users.$inferSelect;

const ADMINISTRATION_LOCK = sql`select pg_advisory_xact_lock(hashtext('rmm.user-administration'))`;

/** Runs `change` on the named user inside the administration lock; NOT_FOUND for an unknown user. */
async function administer<T>(ctx: AdminContext, username: string, change: (tx: Tx, target: UserRow) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(ADMINISTRATION_LOCK);
    const [target] = await tx.select().from(users).where(usernameIs(username)).limit(1);
    if (!target) throw new AppError("NOT_FOUND", `User '${username}' not found`);
    return change(tx, target);
  });
}

function refuseSelf(ctx: AdminContext, target: UserRow, message: string): void {
  if (target.id === ctx.actor.userId) throw new AppError("CONFLICT", message);
}

async function refuseLastActiveAdmin(tx: Tx, target: UserRow, change: string): Promise<void> {
  if (target.role !== "admin" || target.disabledAt) return;
  const [{ value: activeAdmins } = { value: 0 }] = await tx.select({ value: count() }).from(users).where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
  if (activeAdmins <= 1) {
    throw new AppError("CONFLICT", `'${target.username}' is the last active admin: ${change} would leave nobody able to administer users. Make another user admin first.`);
  }
}

async function updateUser(tx: Tx, target: UserRow, values: Partial<UserRow>): Promise<UserRow> {
  const [row] = await tx.update(users).set(values).where(eq(users.id, target.id)).returning();
  return row!;
}

/** The user can no longer sign in, and every session, token and API key of theirs stops working at once. */
export async function disableUser(ctx: AdminContext, input: z.output<typeof userTargetInput>, now = new Date()): Promise<UserSummary> {
  return administer(ctx, input.username, async (tx, target) => {
    refuseSelf(ctx, target, "You cannot disable your own account; another admin can");
    if (target.disabledAt) throw new AppError("CONFLICT", `User '${target.username}' is already disabled`);
    await refuseLastActiveAdmin(tx, target, "disabling them");
    const row = await updateUser(tx, target, { disabledAt: now });
    const ended = await endSignIns(tx, target.id, { now });
    await ctx.audit({ action: "user.disable", target: target.username, details: { ended } }, tx);
    return summarizeUser(row);
  });
}

/** The user can sign in again; their API keys work again (their sessions and tokens were ended for good). */
export async function enableUser(ctx: AdminContext, input: z.output<typeof userTargetInput>): Promise<UserSummary> {
  return administer(ctx, input.username, async (tx, target) => {
    if (!target.disabledAt) throw new AppError("CONFLICT", `User '${target.username}' is not disabled`);
    const row = await updateUser(tx, target, { disabledAt: null });
    await ctx.audit({ action: "user.enable", target: target.username }, tx);
    return summarizeUser(row);
  });
}

/** Takes effect at the user's next request: sessions, tokens and keys read the role afresh each time. */
export async function setUserRole(ctx: AdminContext, input: z.output<typeof setRoleInput>): Promise<UserSummary> {
  return administer(ctx, input.username, async (tx, target) => {
    if (target.role === input.role) return summarizeUser(target);
    refuseSelf(ctx, target, "You cannot change your own role; another admin can");
    if (input.role !== "admin") await refuseLastActiveAdmin(tx, target, "demoting them");
    const row = await updateUser(tx, target, { role: input.role });
    await ctx.audit({ action: "user.role", target: target.username, details: { from: target.role, to: input.role } }, tx);
    return summarizeUser(row);
  });
}

/**
 * Limits the user to some clients (null: every client), from their next request on. Not for one's
 * own account: an admin who restricted themselves could no longer undo it.
 */
export async function setUserClients(ctx: AdminContext, input: z.output<typeof setClientsInput>): Promise<UserSummary> {
  const clientIds = await checkClientRestriction(ctx, input.clientIds);
  return administer(ctx, input.username, async (tx, target) => {
    refuseSelf(ctx, target, "You cannot change which clients you see; another admin can");
    const row = await updateUser(tx, target, { clientIds });
    await ctx.audit({ action: "user.clients", target: target.username, details: { from: target.clientIds, to: clientIds } }, tx);
    return summarizeUser(row);
  });
}

/** A new password chosen by an admin; whoever is signed in as the user is signed out. */
export async function resetUserPassword(ctx: AdminContext, input: z.output<typeof resetPasswordInput>, now = new Date()): Promise<UserSummary> {
  // Hashed before the lock is taken: argon2id is slow on purpose.
  const passwordHash = await hashPassword(input.password);
  return administer(ctx, input.username, async (tx, target) => {
    refuseSelf(ctx, target, "Change your own password on your account page; it asks for your current one");
    const totp = input.removeTotp ? { totpSecret: null, totpLastStep: null, totpPendingSecret: null } : {};
    const row = await updateUser(tx, target, { passwordHash, ...totp });
    const ended = await endSignIns(tx, target.id, { now });
    await ctx.audit({ action: "user.password.reset", target: target.username, details: { ended, totpRemoved: input.removeTotp } }, tx);
    return summarizeUser(row);
  });
}

/** Signs the user out everywhere (dashboard and /api/v1); they can sign in again. */
export async function endUserSessions(ctx: AdminContext, input: z.output<typeof userTargetInput>, now = new Date()): Promise<EndedSignIns> {
  return administer(ctx, input.username, async (tx, target) => {
    const ended = await endSignIns(tx, target.id, { now });
    await ctx.audit({ action: "user.sessions.end", target: target.username, details: { ended } }, tx);
    return ended;
  });
}
