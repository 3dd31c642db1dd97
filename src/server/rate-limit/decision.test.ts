import { describe, expect, it } from "vitest";
import { rateLimitHeaders, toDecision } from "./decision";

const now = Date.UTC(2030, 0, 1, 12, 0, 0, 250);

describe("toDecision", () => {
  it("passes the remaining count and the window's end through for an allowed request", () => {
    expect(toDecision(60, { allowed: true, remaining: 59, msBeforeReset: 60_000 }, now)).toEqual({
      allowed: true,
      limit: 60,
      remaining: 59,
      resetAt: new Date(now + 60_000),
      retryAfterSeconds: 0,
    });
  });

  it("rounds the wait of a refusal up to whole seconds, and never to 0", () => {
    expect(toDecision(60, { allowed: false, remaining: 0, msBeforeReset: 1_500 }, now)).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 2 });
    expect(toDecision(60, { allowed: false, remaining: 0, msBeforeReset: 0 }, now).retryAfterSeconds).toBe(1);
  });
});

describe("rateLimitHeaders", () => {
  it("gives limit, remaining and the reset as Unix seconds, without Retry-After when allowed", () => {
    const headers = rateLimitHeaders(toDecision(60, { allowed: true, remaining: 12, msBeforeReset: 30_000 }, now));
    expect(headers).toEqual({ "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "12", "X-RateLimit-Reset": String(Math.ceil((now + 30_000) / 1000)) });
  });

  it("adds Retry-After when refused", () => {
    const headers = rateLimitHeaders(toDecision(100, { allowed: false, remaining: 0, msBeforeReset: 42_001 }, now));
    expect(headers).toMatchObject({ "X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0", "Retry-After": "43" });
  });
});
