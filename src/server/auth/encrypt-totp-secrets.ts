/**
 * The data migration that seals TOTP secrets older versions kept in clear. SQL migrations cannot
 * compute AES under our key, so the launcher runs this after them, on every start: rows already
 * sealed are left alone, so running it again changes nothing.
 */
import { and, eq, isNotNull, notLike } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { getTotpKey, isSealedTotpSecret, sealTotpSecret, type TotpKey } from "./totp-secret-box";

/** Seals every secret still in clear; answers how many it sealed. */
export async function encryptPlainTotpSecrets(db: Db, key: TotpKey = getTotpKey()): Promise<number> {
  const plain = await db
    .select({ id: users.id, totpSecret: users.totpSecret })
    .from(users)
    .where(and(isNotNull(users.totpSecret), notLike(users.totpSecret, "v1:%")));
  let sealed = 0;
  for (const { id, totpSecret } of plain) {
    if (totpSecret === null || isSealedTotpSecret(totpSecret)) continue;
    // Conditional on the value read: a concurrent start that sealed it first is not sealed twice.
    const updated = await db
      .update(users)
      .set({ totpSecret: sealTotpSecret(totpSecret, key) })
      .where(and(eq(users.id, id), eq(users.totpSecret, totpSecret)))
      .returning({ id: users.id });
    sealed += updated.length;
  }
  return sealed;
}
