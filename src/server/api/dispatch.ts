/**
 * The dispatcher of every REST surface: one catch-all route handler per surface hands each request
 * here. It matches the path against the surface's route table, applies the surface's rate limit,
 * resolves the principal (one auth step for cookies, JWTs, API keys and agent keys), shapes the
 * request into the procedure's input, calls the procedure through a server-side caller (so roles,
 * validation and audit are the procedure's, declared once) and wraps the answer or the error in the
 * surface's envelope. Unknown paths answer the surface's 404 shape, never Next's HTML page.
 */
import { getCommandWaiters } from "../bus/web-bus";
import { getConfig } from "../config";
import { getDb } from "../db/client";
import { hasRole } from "../auth/roles";
import { checkBrowserOrigin } from "../http/origin-check";
import { endWhenCredentialsLapse } from "../http/revalidated-stream";
import { AppError } from "../errors";
import { clientIpOf } from "../http/request-context";
import { createCaller } from "../routers";
import type { Context } from "../trpc";
import { zodIssuesToFields } from "../validation";
import { authenticateRequest, type CredentialResolvers, type Principal } from "./credentials";
import { toApiFailure, type ApiFailure } from "./failure";
import { FORBIDDEN_CHARACTERS_MESSAGE, hasForbiddenCharacters } from "../input-safety";
import { decodePath, matchTemplate } from "./path-template";
import { readJsonBody } from "./request-body";
import { buildRouteTable, invokeProcedure, type CompiledRoute, type ProcedureRoute } from "./route-table";
import type { RouteRequest } from "./route-types";
import { routeRateLimit } from "./surfaces/rate-limit";
import type { CustomRouteResult, Surface } from "./surface";

type Caller = ReturnType<typeof createCaller>;

export type DispatchOptions = {
  credentials: CredentialResolvers;
  /** Where Next hands the surface its requests, when a rewrite puts it elsewhere than `mount`. */
  internalMount?: string;
  /** How long agent commands wait; tests inject a short one instead of the 30 s default. */
  commandTimeoutMs?: number;
};

function jsonResponse(body: unknown, status: number, extraHeaders: Record<string, string> = {}): Response {
  const headers = new Headers({ "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  // Set one by one: names differ in case between producers, and a header must never appear twice.
  for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers });
}

export function failureResponse(surface: Surface, failure: ApiFailure, headers: Record<string, string> = {}): Response {
  const retryAfter: Record<string, string> = failure.retryAfterSeconds ? { "retry-after": String(failure.retryAfterSeconds) } : {};
  const status = surface.failureStatus?.(failure) ?? failure.status;
  return jsonResponse(surface.errorBody(failure), status, { ...headers, ...retryAfter });
}

function queryObject(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of params) {
    if (hasForbiddenCharacters(key) || hasForbiddenCharacters(value)) {
      throw new AppError("BAD_REQUEST", "Invalid request", { details: [{ field: key, message: FORBIDDEN_CHARACTERS_MESSAGE }] });
    }
    query[key] = value;
  }
  return query;
}

/** Path parameters merged into the query (GET, DELETE) or into the JSON object body. */
function defaultInput(route: ProcedureRoute, request: RouteRequest): unknown {
  const { method } = route.declared;
  if (method === "GET" || method === "DELETE") {
    const merged = { ...request.query, ...request.params };
    return Object.keys(merged).length > 0 ? merged : undefined;
  }
  if (route.template.pathParams.length === 0) return request.body;
  const body = request.body ?? {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("BAD_REQUEST", "Invalid request", { details: [{ field: "body", message: "must be a JSON object" }] });
  return { ...body, ...request.params };
}

async function runProcedure(route: ProcedureRoute, caller: Caller, request: Request, params: Record<string, string>, query: Record<string, string>): Promise<{ payload: unknown; status: number }> {
  const { declared } = route;
  let parsedQuery: Record<string, unknown> = query;
  if (declared.query) {
    const result = declared.query.safeParse(query);
    if (!result.success) throw new AppError("BAD_REQUEST", "Invalid query", { details: zodIssuesToFields(result.error) });
    parsedQuery = result.data;
  }
  const hasBody = declared.method !== "GET" && declared.method !== "DELETE";
  const routeRequest: RouteRequest = { params, query: parsedQuery, body: hasBody ? await readJsonBody(request) : undefined };
  const output = await invokeProcedure(caller, route.procedurePath, declared.input ? declared.input(routeRequest) : defaultInput(route, routeRequest));
  return { payload: declared.present ? declared.present.present(output) : output, status: route.api.status };
}

/** For the few documented GETs that change state: same-site callers and scripts only. */
function refuseCrossSite(request: Request) {
  const referer = request.headers.get("referer");
  let origin = request.headers.get("origin") ?? undefined;
  if (!origin && referer) {
    try {
      origin = new URL(referer).origin;
    } catch {
      origin = "null";
    }
  }
  const verdict = checkBrowserOrigin({ origin, host: request.headers.get("host") ?? undefined, secFetchSite: request.headers.get("sec-fetch-site") ?? undefined, publicUrl: getConfig().publicUrl });
  if (!verdict.allowed) throw new AppError("FORBIDDEN", "Cross-site request refused", { details: [{ field: "origin", message: verdict.reason }] });
}

export function createSurfaceHandler(surface: Surface, options: DispatchOptions) {
  let table: CompiledRoute[] | undefined;
  const routes = () => (table ??= buildRouteTable(surface));

  return async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    let extraHeaders: Record<string, string> = {};
    try {
      const mount = options.internalMount && url.pathname.startsWith(options.internalMount) ? options.internalMount : surface.mount;
      const segments = decodePath(url.pathname.slice(mount.length));
      const matching = routes().flatMap((route) => {
        const params = matchTemplate(route.template, segments);
        return params ? [{ route, params }] : [];
      });
      if (matching.length === 0) return failureResponse(surface, { status: 404, code: "NOT_FOUND", message: `No such path: ${request.method} ${url.pathname}` });
      const method = request.method === "HEAD" ? "GET" : request.method;
      const match = matching.find(({ route }) => route.api.method === method);
      if (!match) {
        const allow = [...new Set(matching.map(({ route }) => route.api.method))].join(", ");
        return failureResponse(surface, { status: 405, code: "METHOD_NOT_ALLOWED", message: `${request.method} is not allowed here; use ${allow}` }, { allow });
      }
      const { route, params } = match;
      if (route.kind === "custom" && route.custom.changesState) refuseCrossSite(request);
      const clientIp = clientIpOf(request.headers);
      const db = getDb();
      const query = queryObject(url.searchParams);

      const limit = async (principal: Principal | null, limiter = surface.rateLimit) => {
        const outcome = await limiter?.consume({ clientIp, principal });
        if (!outcome) return;
        extraHeaders = { ...extraHeaders, ...outcome.headers };
        if (!outcome.allowed) throw new AppError("TOO_MANY_REQUESTS", "Rate limit exceeded; try again later", { retryAfterSeconds: outcome.retryAfterSeconds });
      };
      if (surface.rateLimit?.stage === "before-auth") await limit(null);
      const principal: Principal = route.api.minRole === "public" ? { actor: null, agentId: null } : await authenticateRequest(db, request.headers, surface.security, options.credentials);
      if (surface.rateLimit?.stage === "after-auth") await limit(principal);
      const ownLimit = route.kind === "procedure" ? route.declared.rateLimit : route.custom.rateLimit;
      if (ownLimit) await limit(principal, routeRateLimit(ownLimit));

      const context: Context = { db, actor: principal.actor, agentId: principal.agentId, clientIp, waiters: getCommandWaiters, commandTimeoutMs: options.commandTimeoutMs };
      const caller = createCaller(context);
      let result: CustomRouteResult;
      let envelope = true;
      if (route.kind === "procedure") {
        result = await runProcedure(route, caller, request, params, query);
      } else {
        envelope = route.custom.envelope !== false;
        result = await route.custom.handle({ request, params, query: url.searchParams, principal, context, caller, body: () => readJsonBody(request), routes: () => routes().map((r) => r.api) });
      }
      if (result instanceof Response) {
        for (const [name, value] of Object.entries(extraHeaders)) result.headers.set(name, value);
        if (route.api.kind !== "sse" || !principal.actor) return result;
        const { userId } = principal.actor;
        const minRole = route.api.minRole;
        return endWhenCredentialsLapse(result, async () => {
          const again = await authenticateRequest(db, request.headers, surface.security, options.credentials).catch(() => null);
          return again?.actor?.userId === userId && (minRole === "public" || minRole === "agent" || hasRole(again.actor.role, minRole));
        });
      }
      const status = result.status ?? route.api.status;
      return jsonResponse(envelope ? surface.successBody(result.payload) : result.payload, status, extraHeaders);
    } catch (error) {
      return failureResponse(surface, toApiFailure(error, `${request.method} ${url.pathname}`), extraHeaders);
    }
  };
}
