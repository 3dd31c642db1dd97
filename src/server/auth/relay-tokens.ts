/**
 * Relay tokens: how the web process proves to a gateway's file relay (agent-gateway/relay/) that it
 * may open one transfer. HMAC-SHA256 under a key derived from AUTH_SECRET with a label of its own
 * (both processes have the secret; agents and browsers never do), binding the transfer id, the
 * agent, the direction and an expiry RELAY_TOKEN_SECONDS ahead. The gateway also accepts each
 * transfer id once, so a token cannot be replayed while it is fresh. This module does no I/O.
 */
import { z } from "zod";
import type { RelayDirection } from "../../protocol";
import { requireSetting } from "../config";
import { deriveSecretKey } from "./secret-box";
import { signClaims, verifiedClaims } from "./signed-token";

/** Only the opening of the relay request must happen in this time; the transfer may take hours. */
export const RELAY_TOKEN_SECONDS = 60;
const RELAY_DIRECTIONS = ["download", "upload"] as const satisfies RelayDirection[];
export type RelayTokenClaims = { transferId: string; agentId: string; direction: RelayDirection };

const PREFIX = "rt1";

const payloadSchema = z.strictObject({ t: z.string().min(1).max(64), a: z.string().min(1).max(256), d: z.enum(RELAY_DIRECTIONS), e: z.number().int() });

export type RelayTokenKey = Buffer;

export function deriveRelayTokenKey(authSecret: string): RelayTokenKey {
  return deriveSecretKey(authSecret, "rmm-file-relay-token-v1");
}

let processKey: RelayTokenKey | undefined;
export function getRelayTokenKey(): RelayTokenKey {
  processKey ??= deriveRelayTokenKey(requireSetting("AUTH_SECRET"));
  return processKey;
}

export function signRelayToken(key: RelayTokenKey, claims: RelayTokenClaims, now: Date): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + RELAY_TOKEN_SECONDS;
  return signClaims(key, PREFIX, { t: claims.transferId, a: claims.agentId, d: claims.direction, e: expiresAt });
}

/** The agent of an authentic, unexpired token for exactly this transfer and direction; null for anything else. */
export function verifyRelayToken(key: RelayTokenKey, token: string, expected: { transferId: string; direction: RelayDirection }, now: Date): { agentId: string; expiresAt: Date } | null {
  const claims = verifiedClaims(key, PREFIX, token, payloadSchema);
  if (!claims) return null;
  const { t, a, d, e } = claims;
  if (t !== expected.transferId || d !== expected.direction || e * 1000 <= now.getTime()) return null;
  return { agentId: a, expiresAt: new Date(e * 1000) };
}
