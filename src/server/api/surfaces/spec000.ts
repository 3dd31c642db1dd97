/**
 * Specification 000 at its documented root paths: the `rmm-session` cookie, plain JSON answers,
 * errors `{ error, details }`. Sign-in, sign-out and SSO set or clear the cookie, and the agent
 * download answers a ZIP, so those are custom routes; everything else comes from procedure metadata.
 */
import { z } from "zod";
import { clearSessionCookie, sessionSetCookie } from "../../auth/cookie-response";
import { login } from "../../auth/login";
import { deleteSession, resolveSession } from "../../auth/sessions";
import { ssoLogin } from "../../auth/sso";
import { getConfig } from "../../config";
import { loginInput, ssoQuery } from "../../contracts/auth";
import { agentDownloadInput } from "../../contracts/enrollment";
import { roleSchema } from "../../contracts/users";
import { AppError } from "../../errors";
import { sessionTokenOf } from "../../http/request-context";
import { recordAudit } from "../../services/audit";
import { zipAgentPackage } from "../../services/agent-package";
import { errorWithDetails } from "../error-shapes";
import type { CustomRoute, CustomRouteContext, Surface } from "../surface";
import { chatEventsRoute } from "./chat-routes";
import { spec000FileRoutes } from "./file-routes";
import { numericParam } from "./list-query";
import { monitoringEventsRoute } from "./monitoring-events-route";
import { openApiRoute } from "./openapi-route";
import { shellRoutes } from "./spec000-shell";

const errorSchema = z.object({ error: z.string(), details: z.array(z.object({ field: z.string(), message: z.string() })).optional() });
const TAG = "Authentication";

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

async function signOut({ request, context }: CustomRouteContext): Promise<Response> {
  const token = await sessionTokenOf(request.headers);
  if (token) {
    const actor = await resolveSession(context.db, token);
    await deleteSession(context.db, token);
    if (actor) await recordAudit(context.db, { actor: actor.username, via: actor.via, action: "auth.logout", clientIp: context.clientIp });
  }
  const headers = new Headers({ "set-cookie": clearSessionCookie() });
  // A browser (the dashboard's sign-out form) lands on the sign-in page; API clients get JSON.
  if (request.headers.get("accept")?.includes("text/html")) {
    headers.set("location", "/sign-in");
    return new Response(null, { status: 303, headers });
  }
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify({ success: true, ok: true }), { status: 200, headers });
}

const logoutRoute = (method: "GET" | "POST"): CustomRoute => ({
  method,
  path: "/auth/logout",
  summary: method === "GET" ? "Sign out (as documented; refused from other sites)" : "Sign out: the session ends and the cookie is cleared",
  tag: TAG,
  status: 200,
  kind: "json",
  access: "public",
  response: z.object({ success: z.literal(true) }),
  ...(method === "GET" ? { changesState: true as const } : {}),
  handle: signOut,
});

/** The package download mints an enrollment token: a GET as documented (same-site only) and a POST for the dashboard. */
const downloadRoute = (method: "GET" | "POST"): CustomRoute => ({
  method,
  path: "/agent/download",
  summary: "The agent package (ZIP: executable, start script, server.json with a fresh enrollment token)",
  tag: "Enrollment",
  status: 200,
  kind: "binary",
  access: { procedure: "enrollment.preparePackage" },
  query: agentDownloadInput,
  ...(method === "GET" ? { changesState: true as const } : {}),
  handle: async ({ query, caller }) => {
    const platform = query.get("platform") ?? undefined;
    const siteId = query.get("siteId") ?? undefined;
    // The procedure validates `platform` (windows or linux), the site and the caller's role.
    const pkg = await caller.enrollment.preparePackage({ platform: platform as never, ...(siteId === undefined ? {} : { siteId: numericParam(siteId) as never }) });
    const zip = await zipAgentPackage(pkg);
    return new Response(new Uint8Array(zip), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="rmm-agent-${platform ?? "windows"}.zip"`,
        "cache-control": "no-store",
        "x-enrollment-expires": pkg.expiresAt,
      },
    });
  },
});

const customRoutes: CustomRoute[] = [
  {
    method: "POST",
    path: "/auth/login",
    summary: "Sign in; sets the rmm-session cookie",
    tag: TAG,
    status: 200,
    kind: "json",
    access: "public",
    body: loginInput,
    response: z.object({ username: z.string(), role: roleSchema }),
    handle: async ({ body, context }) => {
      const input = parseOrThrow(loginInput, (await body()) ?? {});
      const result = await login(context.db, { ...input, clientIp: context.clientIp });
      return new Response(JSON.stringify({ username: result.username, role: result.role }), {
        status: 200,
        headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "set-cookie": await sessionSetCookie(result) },
      });
    },
  },
  logoutRoute("GET"),
  logoutRoute("POST"),
  {
    method: "GET",
    path: "/auth/sso",
    summary: "Single sign-on with an HMAC-signed link (SSO_SECRET); redirects to the dashboard",
    tag: TAG,
    status: 303,
    kind: "redirect",
    access: "public",
    query: ssoQuery,
    handle: async ({ query, context }) => {
      const secret = getConfig().SSO_SECRET;
      if (!secret) throw new AppError("NOT_FOUND", "Not found");
      const input = parseOrThrow(ssoQuery, Object.fromEntries(query));
      const result = await ssoLogin(context.db, secret, { ...input, clientIp: context.clientIp });
      return new Response(null, { status: 303, headers: { location: "/", "set-cookie": await sessionSetCookie(result) } });
    },
  },
  downloadRoute("GET"),
  downloadRoute("POST"),
  chatEventsRoute,
];

export const spec000Surface: Surface = {
  name: "spec000",
  title: "RMM HTTP API (specification 000)",
  mount: "",
  security: ["cookie"],
  envelope: (payload) => payload,
  errorSchema,
  validationStatus: 400,
  successBody: (payload) => payload,
  errorBody: errorWithDetails,
  customRoutes: [...customRoutes, ...shellRoutes, ...spec000FileRoutes, monitoringEventsRoute, openApiRoute(() => spec000Surface)],
};
