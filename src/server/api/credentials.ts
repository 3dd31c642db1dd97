/**
 * The one authentication step of every REST surface: whatever the request carries (the
 * `rmm-session` cookie, a JWT bearer token, an `X-API-KEY`, an agent's `X-Agent-Key`) becomes the
 * same principal: a user actor for the role checks and the audit log, or an agent acting for
 * itself. A credential that is present but wrong is a 401 at once, never a fall-back to anonymous.
 */
import { parseAgentAuthorization } from "../../protocol";
import type { Actor } from "../auth/roles";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { sessionTokenOf } from "../http/request-context";
import { resolveSession } from "../auth/sessions";
import { authenticateAgent } from "../services/agent-identity";
import type { CredentialKind } from "./route-types";

export type Principal = { actor: Actor | null; agentId: string | null };

export const API_KEY_HEADER = "x-api-key";
export const AGENT_KEY_HEADER = "x-agent-key";

/** The resolvers of user credentials; registered by the modules that own each store. */
export type CredentialResolvers = {
  bearer: (db: Db, token: string) => Promise<Actor | null>;
  apiKey: (db: Db, key: string) => Promise<Actor | null>;
};

function bearerTokenOf(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match ? match[1]! : null;
}

const invalid = (message: string) => new AppError("UNAUTHORIZED", message);

export async function authenticateRequest(db: Db, headers: Headers, accepted: readonly CredentialKind[], resolvers: CredentialResolvers): Promise<Principal> {
  if (accepted.includes("agentKey") && headers.has(AGENT_KEY_HEADER)) {
    // The agent key is the agent's own credential, `<agentId>.<secret>`, as on its WebSocket upgrade.
    const credentials = parseAgentAuthorization(`Bearer ${headers.get(AGENT_KEY_HEADER)}`);
    if (!credentials || !(await authenticateAgent(db, credentials))) throw invalid("Invalid agent key");
    return { actor: null, agentId: credentials.agentId };
  }
  if (accepted.includes("apiKey") && headers.has(API_KEY_HEADER)) {
    const actor = await resolvers.apiKey(db, headers.get(API_KEY_HEADER)!.trim());
    if (!actor) throw invalid("Invalid or expired API key");
    return { actor, agentId: null };
  }
  const bearer = accepted.includes("bearer") ? bearerTokenOf(headers) : null;
  if (bearer) {
    const actor = await resolvers.bearer(db, bearer);
    if (!actor) throw invalid("Invalid or expired token");
    return { actor, agentId: null };
  }
  if (accepted.includes("cookie")) {
    const token = await sessionTokenOf(headers);
    if (token) return { actor: await resolveSession(db, token), agentId: null };
  }
  return { actor: null, agentId: null };
}
