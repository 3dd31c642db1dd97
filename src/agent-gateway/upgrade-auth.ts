/**
 * Authentication on the HTTP upgrade, before any WebSocket exists: an enrolled agent's
 * `authorization: Bearer <agentId>.<secret>`, or a first connection's enrollment token. Browser
 * origins other than ours are refused (agents send no Origin).
 */
import type { IncomingMessage } from "node:http";
import { ENROLLMENT_TOKEN_HEADER, parseAgentAuthorization } from "../protocol";
import type { Db } from "../server/db/client";
import { checkBrowserOrigin } from "../server/http/origin-check";
import { authenticateAgent, enrollAgent } from "../server/services/agent-identity";

export const AGENT_PATH = "/agent";

export type UpgradeVerdict =
  | { ok: true; agentId: string; enrolledSecret?: string }
  | { ok: false; status: 401 | 403 | 404; reason: string };

export function remoteAddressOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
}

export async function authenticateUpgrade(db: Db, req: IncomingMessage, publicUrl: string): Promise<UpgradeVerdict> {
  if (new URL(req.url ?? "/", "http://gateway").pathname !== AGENT_PATH) return { ok: false, status: 404, reason: "not found" };
  const origin = checkBrowserOrigin({ origin: req.headers.origin, host: req.headers.host, publicUrl });
  if (!origin.allowed) return { ok: false, status: 403, reason: origin.reason };

  const authorization = req.headers.authorization;
  if (authorization) {
    const credentials = parseAgentAuthorization(authorization);
    if (credentials && (await authenticateAgent(db, credentials))) return { ok: true, agentId: credentials.agentId };
    return { ok: false, status: 401, reason: "invalid agent credentials" };
  }
  const token = req.headers[ENROLLMENT_TOKEN_HEADER];
  if (typeof token === "string" && token.length > 0 && token.length <= 256) {
    const enrolled = await enrollAgent(db, { token, remoteAddress: remoteAddressOf(req) });
    if (enrolled) return { ok: true, agentId: enrolled.agentId, enrolledSecret: enrolled.agentSecret };
  }
  return { ok: false, status: 401, reason: "missing or invalid credentials" };
}
