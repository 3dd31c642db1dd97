/**
 * Builds the tRPC context from an incoming request's headers: the database, the signed-in actor
 * (cookie -> session token -> sessions table) and the client address stamped by the web server.
 */
import { decodeSessionCookie, readCookie, SESSION_COOKIE } from "../auth/session-cookie";
import { resolveSession } from "../auth/sessions";
import { getCommandWaiters } from "../bus/web-bus";
import { requireSetting } from "../config";
import { getDb } from "../db/client";
import type { Context } from "../trpc";

/** Set by src/server/http/web-server.ts on every request, overwriting anything the client sent. */
export const CLIENT_IP_HEADER = "x-rmm-client-ip";

export function clientIpOf(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}

export async function sessionTokenOf(headers: Headers): Promise<string | null> {
  return decodeSessionCookie(requireSetting("AUTH_SECRET"), readCookie(headers.get("cookie"), SESSION_COOKIE));
}

export async function contextFromHeaders(headers: Headers): Promise<Context> {
  const db = getDb();
  const sessionToken = await sessionTokenOf(headers);
  const actor = await resolveSession(db, sessionToken);
  return { db, actor, sessionToken, clientIp: clientIpOf(headers), waiters: getCommandWaiters };
}
