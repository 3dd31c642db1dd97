/**
 * Ends a user's ways in, all at once: their dashboard sessions and their /api/v1 token families.
 * API keys are credentials of their own, revoked one by one; a disabled user's keys are refused
 * by authentication instead (src/server/auth/api-key-auth.ts), so enabling the user restores them.
 */
import { deleteUserSessions } from "../auth/sessions";
import type { EndedSignIns } from "../contracts/users";
import type { Db } from "../db/client";
import { revokeUserTokenFamilies } from "./api-tokens";

/** Pass the transaction that makes the change requiring it, so both commit together. */
export async function endSignIns(db: Pick<Db, "delete" | "update">, userId: number, options: { keepSessionToken?: string | null; now?: Date } = {}): Promise<EndedSignIns> {
  const sessions = await deleteUserSessions(db, userId, options.keepSessionToken);
  const tokenFamilies = await revokeUserTokenFamilies(db, userId, options.now);
  return { sessions, tokenFamilies };
}
