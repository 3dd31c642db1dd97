/**
 * SlimRMM's `/api/v1` (specification 001): JWT bearer tokens (or an API key), the envelope
 * `{ data, message, status: "ok" }`, errors `{ detail, status: "error", code }` with 422 for
 * validation, 60 requests a minute per client address with X-RateLimit-* headers on every answer.
 */
import { z } from "zod";
import { getJwtKey } from "../../auth/jwt";
import { auditLoginSuccess, verifyLogin } from "../../auth/login";
import { loginInput } from "../../contracts/auth";
import { AppError } from "../../errors";
import { issueTokenPair, refreshTokenPair, revokeTokenFamily } from "../../services/api-tokens";
import { slimRmmError } from "../error-shapes";
import type { CustomRoute, CustomRouteContext, Surface } from "../surface";
import { openApiRoute } from "./openapi-route";
import { surfaceRateLimit } from "./rate-limit";

const TAG = "Authentication";

const tokenPair = z.object({ access_token: z.string(), refresh_token: z.string(), token_type: z.literal("bearer"), expires_in: z.number().int() });

function bearerOf({ request }: CustomRouteContext): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) throw new AppError("UNAUTHORIZED", "Authorization: Bearer <token> required");
  return match[1]!;
}

const customRoutes: CustomRoute[] = [
  {
    method: "POST",
    path: "/auth/login",
    summary: "Sign in; answers an access token (15 min) and a refresh token (14 days)",
    tag: TAG,
    status: 200,
    kind: "json",
    access: "public",
    envelope: false,
    body: loginInput,
    response: tokenPair,
    handle: async ({ body, context }) => {
      const parsed = loginInput.safeParse((await body()) ?? {});
      if (!parsed.success) throw parsed.error;
      const user = await verifyLogin(context.db, { ...parsed.data, clientIp: context.clientIp });
      const pair = await issueTokenPair(context.db, getJwtKey(), user, context.clientIp);
      await auditLoginSuccess(context.db, user, context.clientIp, "jwt");
      return { payload: pair };
    },
  },
  {
    method: "POST",
    path: "/auth/refresh",
    summary: "Exchange the refresh token (as the bearer) for a new pair; each refresh token works once, and reusing an old one revokes the whole family",
    tag: TAG,
    status: 200,
    kind: "json",
    access: "public",
    envelope: false,
    response: tokenPair,
    handle: async (route) => ({ payload: await refreshTokenPair(route.context.db, getJwtKey(), bearerOf(route), route.context.clientIp) }),
  },
  {
    method: "POST",
    path: "/auth/logout",
    summary: "Revoke the bearer token's family (its access and refresh tokens stop working)",
    tag: TAG,
    status: 200,
    kind: "json",
    access: "public",
    response: z.object({ revoked: z.boolean() }),
    handle: async (route) => ({ payload: await revokeTokenFamily(route.context.db, getJwtKey(), bearerOf(route), route.context.clientIp) }),
  },
];

export const v1Surface: Surface = {
  name: "v1",
  title: "REST API v1 (/api/v1, specification 001)",
  mount: "/api/v1",
  security: ["bearer", "apiKey"],
  envelope: (payload) => z.object({ data: payload, message: z.string(), status: z.literal("ok") }),
  errorSchema: z.object({ detail: z.string(), status: z.literal("error"), code: z.string(), details: z.array(z.object({ field: z.string(), message: z.string() })).optional() }),
  validationStatus: 422,
  responseHeaders: { "X-RateLimit-Limit": "Requests allowed per minute", "X-RateLimit-Remaining": "Requests left in this minute", "X-RateLimit-Reset": "Unix time (seconds) when the count starts again" },
  successBody: (payload) => ({ data: payload, message: "Success", status: "ok" }),
  errorBody: slimRmmError,
  failureStatus: (failure) => (failure.validation ? 422 : failure.status),
  rateLimited: true,
  customRoutes: [...customRoutes, openApiRoute(() => v1Surface)],
  rateLimit: surfaceRateLimit("api-v1", "before-auth", ({ clientIp }) => clientIp),
};
