/**
 * Dashboard users: create and list them, and the first admin at start-up. Changes to existing
 * accounts are in users-admin.ts (by admins) and account.ts (by their owners).
 */
import { randomBytes } from "node:crypto";
import { asc, count, sql, type SQL } from "drizzle-orm";
import { hashPassword } from "../auth/password";
import { generateTotpSecret, totpUri } from "../auth/totp";
import { getTotpKey, sealTotpSecret } from "../auth/totp-secret-box";
import type { createUserInput, UserSummary } from "../contracts/users";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { AppError } from "../errors";
import { checkClientRestriction } from "./clients";
import { systemContext, type ServiceContext } from "./service-context";
import type { z } from "zod";

type NewUser = z.output<typeof createUserInput>;

export function summarizeUser(row: typeof users.$inferSelect): UserSummary {
  return {
    username: row.username,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    totpEnabled: row.totpSecret !== null,
    disabled: row.disabledAt !== null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    clientIds: row.clientIds,
  };
}

/** Usernames are unique without regard to case, and found the same way. */
export function usernameIs(username: string): SQL {
  return sql`lower(${users.username}) = ${username.toLowerCase()}`;
}

export async function listUsers(ctx: Pick<ServiceContext, "db">): Promise<UserSummary[]> {
  const rows = await ctx.db.select().from(users).orderBy(asc(users.username));
  return rows.map(summarizeUser);
}

function totpSecretFor(totp: NewUser["totp"]): string | null {
  if (totp === false) return null;
  if (totp === true || totp === undefined || totp === "") return generateTotpSecret();
  return totp;
}

/** The secret and its otpauth URI are in this answer only; no list ever shows them again, and the table keeps it sealed. */
export async function createUser(ctx: Pick<ServiceContext, "db" | "audit">, input: NewUser) {
  // Whoever creates users sees every client (users.create's metadata), so any existing client may be named.
  const clientIds = await checkClientRestriction({ db: ctx.db, actor: { clientIds: null } }, input.clientIds);
  const passwordHash = await hashPassword(input.password);
  const totpSecret = totpSecretFor(input.totp);
  const sealedSecret = totpSecret === null ? null : sealTotpSecret(totpSecret, getTotpKey());
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(usernameIs(input.username)).limit(1);
    const inserted = existing ? [] : await tx.insert(users).values({ username: input.username, passwordHash, role: input.role, totpSecret: sealedSecret, clientIds }).onConflictDoNothing().returning();
    const row = inserted[0];
    if (!row) throw new AppError("CONFLICT", `User '${input.username}' already exists`, { details: [{ field: "username", message: "is already taken" }] });
    await ctx.audit({ action: "user.create", target: row.username, details: { role: row.role, totp: Boolean(totpSecret), clientIds } }, tx);
    return { ...summarizeUser(row), ...(totpSecret ? { totpSecret, otpauthUri: totpUri(row.username, totpSecret) } : {}) };
  });
}

/**
 * First start with an empty user table: create the admin from the configured credentials, or with
 * a generated strong password that the caller prints once. Does nothing once any user exists.
 */
export async function ensureFirstAdmin(db: Db, input: { username: string; password?: string }): Promise<{ created: false } | { created: true; generatedPassword?: string }> {
  const [{ value: existingUsers } = { value: 0 }] = await db.select({ value: count() }).from(users);
  if (existingUsers > 0) return { created: false };
  const generatedPassword = input.password ? undefined : randomBytes(18).toString("base64url");
  await createUser(systemContext(db), { username: input.username, password: input.password ?? generatedPassword!, role: "admin", totp: false });
  return { created: true, generatedPassword };
}
