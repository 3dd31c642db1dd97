/**
 * Who may open a live stream of an agent: minting a stream token (for the role of that stream, see
 * contracts/streams.ts) and, when a stream is opened with one, the actor it stands for, resolved
 * again from the database so that a user disabled or demoted, or a key revoked or narrowed, since
 * the token was minted gets no more than they have now.
 */
import { and, eq, isNull } from "drizzle-orm";
import { apiKeyActorById } from "../auth/api-key-auth";
import { hasRole, type Actor } from "../auth/roles";
import { getStreamTokenKey, signStreamToken, STREAM_TOKEN_SECONDS, type StreamTokenClaims, type StreamTokenKind } from "../auth/stream-tokens";
import { STREAM_ROLES } from "../contracts/streams";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { AppError } from "../errors";
import type { ServiceContext } from "./service-context";

export function mintStreamToken(ctx: Pick<ServiceContext, "actor">, agentId: string, stream: StreamTokenKind, now = new Date()) {
  const role = STREAM_ROLES[stream];
  if (!hasRole(ctx.actor.role, role)) throw new AppError("FORBIDDEN", `The ${stream} stream requires the ${role} role`);
  const { userId, apiKeyId, via } = ctx.actor;
  const { token, expiresAt } = signStreamToken(getStreamTokenKey(), { userId, ...(apiKeyId ? { apiKeyId } : {}), via, agentId, stream }, now);
  return { token, stream, agent_id: agentId, expires_at: expiresAt.toISOString(), expires_in: STREAM_TOKEN_SECONDS };
}

/** The actor a verified token stands for now; null when that user or key can no longer act. */
export async function streamTokenActor(db: Db, claims: StreamTokenClaims): Promise<Actor | null> {
  if (claims.apiKeyId) {
    const actor = await apiKeyActorById(db, claims.apiKeyId);
    return actor?.userId === claims.userId ? actor : null;
  }
  const [user] = await db
    .select({ id: users.id, username: users.username, role: users.role, clientIds: users.clientIds })
    .from(users)
    .where(and(eq(users.id, claims.userId), isNull(users.disabledAt)))
    .limit(1);
  return user ? { userId: user.id, username: user.username, role: user.role, via: claims.via, clientIds: user.clientIds } : null;
}
