/**
 * What makes one REST surface different from another: where it is mounted, which credentials it
 * accepts, how it wraps success and error bodies, its rate limit, and the routes that are not a
 * plain procedure call (sign-in, cookies, binary bodies, the OpenAPI document).
 */
import type { Context } from "../trpc";
import type { createCaller } from "../routers";
import type { Principal } from "./credentials";
import type { ApiFailure } from "./failure";
import type { ApiRoute, RouteRateLimit, SurfaceDescriptor } from "./route-types";

export type RateLimitOutcome = { allowed: boolean; headers: Record<string, string>; retryAfterSeconds?: number };

export type CustomRouteContext = {
  request: Request;
  params: Record<string, string>;
  query: URLSearchParams;
  principal: Principal;
  context: Context;
  caller: ReturnType<typeof createCaller>;
  /** The request's JSON body, read with the platform's limits and checks. */
  body: () => Promise<unknown>;
  /** Every route of this surface, for the OpenAPI document. */
  routes: () => ApiRoute[];
};

/** A payload to wrap in the surface's envelope, or a finished response (cookies, binary bodies, redirects). */
export type CustomRouteResult = Response | { payload: unknown; status?: number };

export type CustomRoute = Omit<ApiRoute, "surface" | "pathParams" | "minRole"> & {
  /** "public", or the procedure whose role this route shares (the role is declared once, there). */
  access: "public" | { procedure: string };
  /** False to answer the payload without the surface's envelope (v1's token answers). */
  envelope?: boolean;
  /**
   * A GET that changes something (it is documented so): refused when the browser says the request
   * came from another site, so a link or image elsewhere cannot trigger it.
   */
  changesState?: true;
  rateLimit?: RouteRateLimit;
  handle: (route: CustomRouteContext) => Promise<CustomRouteResult>;
};

export type Surface = SurfaceDescriptor & {
  /** The success body for a payload (v1: `{ data, message, status: "ok" }`). */
  successBody: (payload: unknown) => unknown;
  /** The error body for a failure, in this surface's shape. */
  errorBody: (failure: ApiFailure) => unknown;
  /** The answer for a failure; defaults to errorBody with the failure's status. */
  failureStatus?: (failure: ApiFailure) => number;
  customRoutes: CustomRoute[];
  /** Counts the request; runs before authentication when `before: "auth"`. */
  rateLimit?: { stage: "before-auth" | "after-auth"; consume: (input: { clientIp: string; principal: Principal | null }) => Promise<RateLimitOutcome | null> };
};
