/** Dashboard user administration: create and list users, and the first admin at start-up. */
import { randomBytes } from "node:crypto";
import { asc, count, sql } from "drizzle-orm";
import { hashPassword } from "../auth/password";
import type { Actor } from "../auth/roles";
import { generateTotpSecret, totpUri } from "../auth/totp";
import type { CreateUserInput, UserSummary } from "../contracts/users";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { AppError } from "../errors";
import { recordAudit } from "./audit";

function summarize(row: typeof users.$inferSelect): UserSummary {
  return { username: row.username, role: row.role, createdAt: row.createdAt.toISOString(), totpEnabled: row.totpSecret !== null };
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await db.select().from(users).orderBy(asc(users.username));
  return rows.map(summarize);
}

export async function createUser(db: Db, actor: Pick<Actor, "username"> | null, input: CreateUserInput, clientIp: string | null = null) {
  const passwordHash = await hashPassword(input.password);
  const totpSecret = input.totp ? generateTotpSecret() : null;
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`).limit(1);
    const inserted = existing
      ? []
      : await tx.insert(users).values({ username: input.username, passwordHash, role: input.role, totpSecret }).onConflictDoNothing().returning();
    const row = inserted[0];
    if (!row) throw new AppError("CONFLICT", `User '${input.username}' already exists`, { details: [{ field: "username", message: "is already taken" }] });
    await recordAudit(tx, { actor: actor?.username ?? null, action: "user.create", target: row.username, clientIp, details: { role: row.role, totp: Boolean(totpSecret) } });
    return { ...summarize(row), ...(totpSecret ? { otpauthUri: totpUri(row.username, totpSecret) } : {}) };
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
  await createUser(db, null, { username: input.username, password: input.password ?? generatedPassword!, role: "admin" });
  return { created: true, generatedPassword };
}
