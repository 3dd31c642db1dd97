/**
 * What a rate-limit check answers, and the response headers that say it (spec 001: `X-RateLimit-Limit`,
 * `X-RateLimit-Remaining`, `X-RateLimit-Reset` as a Unix timestamp in seconds; `Retry-After` on a
 * refusal). Pure, so the REST adapters and the tests share one reading of it.
 */
export type RateLimitDecision = {
  allowed: boolean;
  /** Requests allowed per window. */
  limit: number;
  /** Requests left in the current window (0 once refused). */
  remaining: number;
  /** When the current window ends and the count starts again. */
  resetAt: Date;
  /** Seconds to wait before retrying; 0 when allowed. */
  retryAfterSeconds: number;
};

export function toDecision(limit: number, taken: { allowed: boolean; remaining: number; msBeforeReset: number }, now: number): RateLimitDecision {
  return {
    allowed: taken.allowed,
    limit,
    remaining: taken.allowed ? taken.remaining : 0,
    resetAt: new Date(now + taken.msBeforeReset),
    // Rounded up, and at least 1: a client that waits the number it was told is never refused again for it.
    retryAfterSeconds: taken.allowed ? 0 : Math.max(1, Math.ceil(taken.msBeforeReset / 1000)),
  };
}

export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    "X-RateLimit-Reset": String(Math.ceil(decision.resetAt.getTime() / 1000)),
  };
  if (!decision.allowed) headers["Retry-After"] = String(decision.retryAfterSeconds);
  return headers;
}
