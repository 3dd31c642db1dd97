/**
 * The authentication endpoints of specification 000. They set or clear the session cookie, so
 * they are handlers over the auth service rather than tRPC procedures.
 */
import { clearSessionCookie, sessionSetCookie } from "../auth/cookie-response";
import { login } from "../auth/login";
import { deleteSession } from "../auth/sessions";
import { ssoLogin } from "../auth/sso";
import { getConfig } from "../config";
import { loginInput, ssoQuery } from "../contracts/auth";
import { getDb } from "../db/client";
import { clientIpOf, sessionTokenOf } from "../http/request-context";
import { recordAudit } from "../services/audit";
import { resolveSession } from "../auth/sessions";
import { zodIssuesToFields } from "../validation";
import { errorJson, errorResponse, json, readJsonBody } from "./responses";

export async function loginHandler(request: Request): Promise<Response> {
  try {
    const parsed = await readJsonBody(request);
    if (!parsed.ok) return parsed.response;
    const input = loginInput.safeParse(parsed.body ?? {});
    if (!input.success) return errorJson(400, "Invalid request", zodIssuesToFields(input.error));
    const result = await login(getDb(), { ...input.data, clientIp: clientIpOf(request.headers) });
    return json({ username: result.username, role: result.role }, { headers: { "set-cookie": await sessionSetCookie(result) } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function logoutHandler(request: Request): Promise<Response> {
  const db = getDb();
  const token = await sessionTokenOf(request.headers);
  if (token) {
    const actor = await resolveSession(db, token);
    await deleteSession(db, token);
    if (actor) await recordAudit(db, { actor: actor.username, action: "auth.logout", clientIp: clientIpOf(request.headers) });
  }
  const headers = new Headers({ "set-cookie": clearSessionCookie() });
  // A browser following the dashboard's sign-out link lands on the sign-in page; API clients get JSON.
  if (request.headers.get("accept")?.includes("text/html")) {
    headers.set("location", "/sign-in");
    return new Response(null, { status: 303, headers });
  }
  return json({ ok: true }, { headers });
}

export async function ssoHandler(request: Request): Promise<Response> {
  const secret = getConfig().SSO_SECRET;
  if (!secret) return errorJson(404, "Not found");
  try {
    const query = ssoQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return errorJson(400, "Invalid request", zodIssuesToFields(query.error));
    const result = await ssoLogin(getDb(), secret, { ...query.data, clientIp: clientIpOf(request.headers) });
    return new Response(null, { status: 303, headers: { location: "/", "set-cookie": await sessionSetCookie(result) } });
  } catch (error) {
    return errorResponse(error);
  }
}
