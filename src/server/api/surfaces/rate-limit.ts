/** A surface's or a route's rate limit: which named limit it counts against, when, and per what key. */
import { consumeRateLimit, type ApiRateLimitName } from "../../rate-limit/api-limits";
import { rateLimitHeaders } from "../../rate-limit/decision";
import type { Principal } from "../credentials";
import type { RouteRateLimit } from "../route-types";
import type { Surface } from "../surface";

export function surfaceRateLimit(name: ApiRateLimitName, stage: "before-auth" | "after-auth", keyOf: (input: { clientIp: string; principal: Principal | null }) => string | null): NonNullable<Surface["rateLimit"]> {
  return {
    stage,
    consume: async (input) => {
      const key = keyOf(input);
      if (!key) return null;
      const decision = await consumeRateLimit(name, key);
      return { allowed: decision.allowed, headers: rateLimitHeaders(decision), retryAfterSeconds: decision.retryAfterSeconds };
    },
  };
}

/** A route's own limit, counted after authentication (and after the surface's limit). */
export function routeRateLimit(limit: RouteRateLimit): NonNullable<Surface["rateLimit"]> {
  return surfaceRateLimit(limit.name, "after-auth", ({ clientIp, principal }) => (limit.per === "client-ip" ? clientIp : (principal?.actor?.apiKeyId ?? null)));
}
