/**
 * Hostile requests that once reached PostgreSQL or changed state: NUL bytes through tRPC, oversized
 * tRPC batches, and documented state-changing GETs triggered from another site.
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser } from "../../../test/actors";
import { apiRequest } from "../../../test/http";
import { createTestDatabase, type TestDatabase } from "../../../test/test-db";
import { enrollmentTokens, groups } from "../../db/schema";

let t: TestDatabase;
let h: typeof import("../handlers");
let trpc: typeof import("../../../app/api/trpc/[trpc]/route");
let cookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: t.url, AUTH_SECRET: "h".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  h = await import("../handlers");
  trpc = await import("../../../app/api/trpc/[trpc]/route");
  await seedUser(t.db, "ada", "admin", { password: "ada-password" });
  const login = await h.spec000Handler(apiRequest("/auth/login", { body: { username: "ada", password: "ada-password" } }));
  cookie = login.headers.get("set-cookie")!.split(";")[0]!;
});
afterAll(async () => {
  await (await import("../../db/client")).closeDb();
  await t.close();
});

const countOf = async (table: typeof groups | typeof enrollmentTokens) => (await t.db.select({ value: count() }).from(table))[0]!.value;

describe("tRPC", () => {
  it("refuses a NUL byte in any input string with 400 naming the field, and writes nothing", async () => {
    const before = await countOf(groups);
    const response = await trpc.POST(apiRequest("/api/trpc/groups.create", { headers: { cookie, "content-type": "application/json" }, rawBody: '{"name":"Lab\\u0000"}' }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.data.details).toEqual([{ field: "name", message: expect.stringMatching(/NUL/) }]);
    expect(JSON.stringify(body)).not.toMatch(/insert|select|stack/i);
    expect(await countOf(groups)).toBe(before);
  });

  it("refuses a batch of more than ten calls before running any", async () => {
    const paths = Array.from({ length: 11 }, () => "groups.create").join(",");
    const input = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [String(i), { name: `Batch ${i}` }]));
    const before = await countOf(groups);
    const response = await trpc.POST(apiRequest(`/api/trpc/${paths}?batch=1`, { headers: { cookie }, body: input }));
    expect(response.status).toBe(400);
    expect(await countOf(groups)).toBe(before);
  });
});

describe("documented GETs that change state", () => {
  it("GET /agent/download mints no token when another site triggers it", async () => {
    const before = await countOf(enrollmentTokens);
    const crossSite = await h.spec000Handler(apiRequest("/agent/download?platform=linux", { headers: { cookie, "sec-fetch-site": "cross-site" } }));
    expect(crossSite.status).toBe(403);
    const foreignReferer = await h.spec000Handler(apiRequest("/agent/download?platform=linux", { headers: { cookie, referer: "https://evil.example/page" } }));
    expect(foreignReferer.status).toBe(403);
    expect(await countOf(enrollmentTokens)).toBe(before);
  });

  it("GET /auth/logout from another site leaves the session alone; same-site and scripts still sign out", async () => {
    expect((await h.spec000Handler(apiRequest("/auth/logout", { headers: { cookie, "sec-fetch-site": "cross-site" } }))).status).toBe(403);
    expect((await h.spec000Handler(apiRequest("/auth/me", { headers: { cookie } }))).status).toBe(200);
    const sameSite = await h.spec000Handler(apiRequest("/auth/logout", { headers: { cookie, "sec-fetch-site": "same-origin" } }));
    expect(sameSite.status).toBe(200);
    expect((await h.spec000Handler(apiRequest("/auth/me", { headers: { cookie } }))).status).toBe(401);
  });

  it("POST /auth/logout from the dashboard's form sends the browser to the sign-in page", async () => {
    const response = await h.spec000Handler(apiRequest("/auth/logout", { method: "POST", headers: { accept: "text/html" } }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/sign-in");
  });
});
