/**
 * The API's rate limits, counted in PostgreSQL so that all web processes share one count per
 * client: spec 001 allows 60 requests a minute per client address on `/api/v1`; spec 003 allows
 * 100 requests a minute per API key on `/api/v3`, and 20 deployments a minute per API key on
 * `POST /api/v3/agents/deployments/` (counted in addition to the 100); installer downloads by
 * deployment link, which need no credentials, are limited per client address. Windows are fixed minutes
 * starting with a client's first request.
 *
 * Fail-open: when the store fails (PostgreSQL unreachable or erroring) the request is allowed and
 * a warning logged, at most once a minute per process. The limits protect availability, and a
 * broken counter must not turn into an API outage of its own; while PostgreSQL is down the API
 * cannot do anything anyway. (The sign-in throttle fails closed instead: see auth/login-throttle.ts.)
 */
import { getDb, type Db } from "../db/client";
import { toDecision, type RateLimitDecision } from "./decision";
import { createPostgresLimiter, perDb, takePoint, type LimiterRule } from "./store";

export const API_RATE_LIMITS = {
  /** Per client address. */
  "api-v1": { points: 60, durationSeconds: 60 },
  /** Per API key id, across all `/api/v3` paths. */
  "api-v3": { points: 100, durationSeconds: 60 },
  /** Per API key id, deployment links created. */
  "api-v3-deployments": { points: 20, durationSeconds: 60 },
  /** Per client address, installer downloads by deployment link (public: the link is the secret). */
  "deployment-download": { points: 30, durationSeconds: 60 },
} as const satisfies Record<string, LimiterRule>;

export type ApiRateLimitName = keyof typeof API_RATE_LIMITS;

export type ApiRateLimits = {
  /** Counts one request of `key` (a client address or an API key id) against the named limit. */
  consume(name: ApiRateLimitName, key: string): Promise<RateLimitDecision>;
};

const WARN_INTERVAL_MS = 60_000;

export function createApiRateLimits(db: Db, options: { warn?: (message: string, error: unknown) => void } = {}): ApiRateLimits {
  const warn = options.warn ?? ((message, error) => console.warn(message, error));
  const names = Object.keys(API_RATE_LIMITS) as ApiRateLimitName[];
  const limiters = Object.fromEntries(names.map((name) => [name, createPostgresLimiter(db, name, API_RATE_LIMITS[name])]));
  let lastWarnedAt = -Infinity;

  return {
    async consume(name, key) {
      const rule = API_RATE_LIMITS[name];
      try {
        return toDecision(rule.points, await takePoint(limiters[name]!, key), Date.now());
      } catch (error) {
        if (Date.now() - lastWarnedAt >= WARN_INTERVAL_MS) {
          lastWarnedAt = Date.now();
          warn(`[web] rate limit store failed; allowing requests until it answers again:`, error);
        }
        return toDecision(rule.points, { allowed: true, remaining: rule.points, msBeforeReset: rule.durationSeconds * 1000 }, Date.now());
      }
    },
  };
}

const processLimits = perDb((db) => createApiRateLimits(db));

/** The process-wide limits, on the process-wide database handle. */
export function consumeRateLimit(name: ApiRateLimitName, key: string): Promise<RateLimitDecision> {
  return processLimits(getDb()).consume(name, key);
}
