/**
 * Agent identity for the gateway: enrollment (token -> new agent id and per-agent secret, only the
 * secret's hash stored) and authentication of later connections (id + secret, constant-time).
 */
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { sha256 } from "../auth/secret-hash";
import type { Db } from "../db/client";
import { agents } from "../db/schema";
import { recordAudit } from "./audit";
import { consumeEnrollmentToken } from "./enrollment";

export type EnrolledAgent = { agentId: string; agentSecret: string };

export async function enrollAgent(db: Db, input: { token: string; remoteAddress: string }): Promise<EnrolledAgent | null> {
  return db.transaction(async (tx) => {
    const token = await consumeEnrollmentToken(tx, input.token);
    if (!token) return null;
    const agentId = randomUUID();
    const agentSecret = randomBytes(32).toString("base64url");
    // The name is a placeholder until the agent's `hello` reports its host name. The agent joins
    // its token's site (the database's default site when the token has none).
    const [agent] = await tx
      .insert(agents)
      .values({
        id: agentId,
        name: `agent-${agentId.slice(0, 8)}`,
        secretHash: sha256(agentSecret),
        enrollmentTokenId: token.id,
        remoteAddress: input.remoteAddress,
        ...(token.siteId === null ? {} : { siteId: token.siteId }),
      })
      .returning({ siteId: agents.siteId });
    await recordAudit(tx, { actor: null, action: "agent.enroll", target: agentId, clientIp: input.remoteAddress, details: { enrollmentTokenId: token.id, siteId: agent!.siteId } });
    return { agentId, agentSecret };
  });
}

/** True only for the agent's own, current secret, and never for a revoked agent. */
export async function authenticateAgent(db: Db, credentials: EnrolledAgent): Promise<boolean> {
  const [agent] = await db.select({ secretHash: agents.secretHash, revokedAt: agents.revokedAt }).from(agents).where(eq(agents.id, credentials.agentId)).limit(1);
  const expected = Buffer.from(agent?.secretHash ?? sha256("no such agent"), "hex");
  const given = Buffer.from(sha256(credentials.agentSecret), "hex");
  return timingSafeEqual(expected, given) && agent !== undefined && agent.revokedAt === null;
}
