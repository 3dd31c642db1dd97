/**
 * Stream tokens: what a browser's EventSource (which cannot send headers) puts in `?token=` to open
 * one live stream. A token is HMAC-signed with a key derived from AUTH_SECRET (never the JWT or
 * cookie key) and binds its holder (user, and API key when minted with one), one agent, one stream
 * kind and an expiry STREAM_TOKEN_SECONDS ahead; it is good for nothing else. It proves who asked,
 * not what they may do: the stream route resolves that person (or key) again and checks role and
 * client scope as for any request. This module does no I/O.
 */
import { createHmac } from "node:crypto";
import { z } from "zod";
import type { AuthMethod } from "./roles";
import { requireSetting } from "../config";
import { signClaims, verifiedClaims } from "./signed-token";

export const STREAM_TOKEN_SECONDS = 60;
export const STREAM_TOKEN_KINDS = ["metrics", "logs"] as const;
export type StreamTokenKind = (typeof STREAM_TOKEN_KINDS)[number];

export type StreamTokenClaims = { userId: number; apiKeyId?: string; via: AuthMethod; agentId: string; stream: StreamTokenKind; expiresAt: Date };

const PREFIX = "st1";

const payloadSchema = z.strictObject({
  u: z.number().int().positive(),
  k: z.string().max(128).optional(),
  v: z.enum(["session", "sso", "jwt", "api-key"]),
  a: z.string().min(1).max(128),
  s: z.enum(STREAM_TOKEN_KINDS),
  e: z.number().int(),
});

export type StreamTokenKey = Buffer;

export function deriveStreamTokenKey(authSecret: string): StreamTokenKey {
  return createHmac("sha256", authSecret).update("rmm-stream-token-v1").digest();
}

let processKey: StreamTokenKey | undefined;
export function getStreamTokenKey(): StreamTokenKey {
  processKey ??= deriveStreamTokenKey(requireSetting("AUTH_SECRET"));
  return processKey;
}

export function signStreamToken(key: StreamTokenKey, claims: Omit<StreamTokenClaims, "expiresAt">, now: Date): { token: string; expiresAt: Date } {
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + STREAM_TOKEN_SECONDS * 1000);
  const token = signClaims(key, PREFIX, { u: claims.userId, ...(claims.apiKeyId ? { k: claims.apiKeyId } : {}), v: claims.via, a: claims.agentId, s: claims.stream, e: expiresAt.getTime() / 1000 });
  return { token, expiresAt };
}

/** The claims of an authentic, unexpired token for exactly this agent and stream; null for anything else. */
export function verifyStreamToken(key: StreamTokenKey, token: string, expected: { agentId: string; stream: StreamTokenKind }, now: Date): StreamTokenClaims | null {
  const claims = verifiedClaims(key, PREFIX, token, payloadSchema);
  if (!claims) return null;
  const { u, k, v, a, s, e } = claims;
  if (a !== expected.agentId || s !== expected.stream || e * 1000 <= now.getTime()) return null;
  return { userId: u, ...(k ? { apiKeyId: k } : {}), via: v, agentId: a, stream: s, expiresAt: new Date(e * 1000) };
}
