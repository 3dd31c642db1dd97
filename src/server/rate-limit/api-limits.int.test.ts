import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { createDb } from "../db/client";
import { API_RATE_LIMITS, createApiRateLimits } from "./api-limits";
import { rateLimitHeaders } from "./decision";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

describe("API rate limits", () => {
  it("refuses the 61st /api/v1 request within a minute, saying how many are left and when the window resets", async () => {
    // Only Date is faked: the windows run on the process clock, the database and timers as usual.
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.UTC(2030, 0, 1, 12, 0, 0, 400);
    vi.setSystemTime(start);
    const limits = createApiRateLimits(t.db);
    const resetAt = new Date(start + 60_000);

    expect(await limits.consume("api-v1", "203.0.113.5")).toEqual({ allowed: true, limit: 60, remaining: 59, resetAt, retryAfterSeconds: 0 });
    vi.setSystemTime(start + 30_000);
    for (let i = 2; i < 60; i++) await limits.consume("api-v1", "203.0.113.5");
    expect(await limits.consume("api-v1", "203.0.113.5")).toMatchObject({ allowed: true, remaining: 0, resetAt });

    const refused = await limits.consume("api-v1", "203.0.113.5");
    expect(refused).toEqual({ allowed: false, limit: 60, remaining: 0, resetAt, retryAfterSeconds: 30 });
    expect(rateLimitHeaders(refused)).toEqual({
      "X-RateLimit-Limit": "60",
      "X-RateLimit-Remaining": "0",
      "X-RateLimit-Reset": String(Math.ceil(resetAt.getTime() / 1000)),
      "Retry-After": "30",
    });
    // Another client has its own count; the next window starts afresh.
    expect(await limits.consume("api-v1", "203.0.113.6")).toMatchObject({ allowed: true, remaining: 59 });
    vi.setSystemTime(start + 60_001);
    expect(await limits.consume("api-v1", "203.0.113.5")).toEqual({ allowed: true, limit: 60, remaining: 59, resetAt: new Date(start + 120_001), retryAfterSeconds: 0 });
  });

  it("shares one count between web processes on the same database, also for simultaneous requests", async () => {
    const other = createDb(t.url, { max: 3 });
    try {
      const first = createApiRateLimits(t.db);
      const second = createApiRateLimits(other.db);
      const burst = (limits: typeof first) => Array.from({ length: 60 }, () => limits.consume("api-v3", "key-a"));
      const answers = await Promise.all([...burst(first), ...burst(second)]);
      expect(answers.filter((answer) => answer.allowed)).toHaveLength(API_RATE_LIMITS["api-v3"].points);
      expect(await second.consume("api-v3", "key-a")).toMatchObject({ allowed: false, remaining: 0 });
      expect(await first.consume("api-v3", "key-b")).toMatchObject({ allowed: true, remaining: 99 });
    } finally {
      await other.sql.end({ timeout: 5 });
    }
  });

  it("counts deployments per API key separately, 20 a minute", async () => {
    const limits = createApiRateLimits(t.db);
    for (let i = 0; i < 20; i++) expect((await limits.consume("api-v3-deployments", "key-d")).allowed).toBe(true);
    expect(await limits.consume("api-v3-deployments", "key-d")).toMatchObject({ allowed: false, limit: 20 });
    expect((await limits.consume("api-v3", "key-d")).allowed).toBe(true);
  });

  it("fails open, with one warning, when the store cannot be reached", async () => {
    const gone = createDb(t.url, { max: 1 });
    await gone.sql.end();
    const warn = vi.fn();
    const limits = createApiRateLimits(gone.db, { warn });
    expect(await limits.consume("api-v1", "203.0.113.9")).toMatchObject({ allowed: true, limit: 60, remaining: 60 });
    expect(await limits.consume("api-v1", "203.0.113.9")).toMatchObject({ allowed: true });
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
