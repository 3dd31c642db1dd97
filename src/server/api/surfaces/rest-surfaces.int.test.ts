/**
 * The REST surfaces through their real dispatchers: each surface's credentials (missing, wrong,
 * expired, revoked), envelope and error shape, pagination and sorting, rate-limit headers and
 * 429, trailing slashes, unknown paths, hostile paths and bodies, and API keys that never grant
 * more than their creator holds.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, seedUser } from "../../../test/actors";
import { apiRequest } from "../../../test/http";
import { createTestDatabase, type TestDatabase } from "../../../test/test-db";
import { getJwtKey, signToken } from "../../auth/jwt";
import { agents, apiKeys, auditLog, users } from "../../db/schema";
import { createApiKey } from "../../services/api-keys";
import { createServiceContext } from "../../services/service-context";

let t: TestDatabase;
let h: typeof import("../handlers");
const keys: Record<"viewer" | "operator" | "admin", string> = { viewer: "", operator: "", admin: "" };

async function keyFor(username: string, role: "viewer" | "operator" | "admin", expiresInDays?: number) {
  const ctx = createServiceContext({ db: t.db, actor: await actorFor(t.db, username), clientIp: "127.0.0.1", waiters: () => { throw new Error("no bus"); } });
  return (await createApiKey(ctx, { name: `${role} key`, role, expiresInDays })).key;
}

beforeAll(async () => {
  t = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: t.url, AUTH_SECRET: "s".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  h = await import("../handlers");
  await seedUser(t.db, "ada", "admin", { password: "ada-password" });
  await seedUser(t.db, "otto", "operator", { password: "otto-password" });
  await seedUser(t.db, "vera", "viewer", { password: "vera-password" });
  keys.admin = await keyFor("ada", "admin");
  keys.operator = await keyFor("otto", "operator");
  keys.viewer = await keyFor("vera", "viewer");
  const seen = new Date("2026-11-01T10:00:00Z");
  await t.db.insert(agents).values([
    { id: "a-1", name: "WEB-01", os: "Ubuntu 24.04", platform: "linux", status: "online", secretHash: "x", lastSeen: seen, connectedAt: seen, localAddresses: ["10.0.0.11"], remoteAddress: "203.0.113.11", specs: { cpu: { model: "Xeon", cores: 4 }, memoryBytes: 16 * 1024 ** 3, disks: [{ mount: "/", totalBytes: 100e9, freeBytes: 25e9 }] } },
    { id: "a-2", name: "DESK-07", os: "Microsoft Windows 11 Pro", platform: "win32", status: "online", secretHash: "x", lastSeen: seen, localAddresses: ["10.0.0.27"] },
    { id: "a-3", name: "SRV-DB", os: "Microsoft Windows Server 2022", platform: "win32", status: "offline", secretHash: "x", lastSeen: seen },
    { id: "a-4", name: "alpha-laptop", os: "Microsoft Windows 10", platform: "win32", status: "online", secretHash: "x", lastSeen: seen },
  ]);
});
afterAll(async () => {
  await (await import("../../db/client")).closeDb();
  await t.close();
});

async function v1Tokens(username: string, password: string) {
  const response = await h.v1Handler(apiRequest("/api/v1/auth/login", { body: { username, password } }));
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; refresh_token: string; token_type: string };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("/api/v1", () => {
  it("signs in with a password and answers a bearer token pair", async () => {
    const tokens = await v1Tokens("otto", "otto-password");
    expect(tokens).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: "bearer" });
    const [entry] = await t.db.select().from(auditLog).where(sql`${auditLog.action} = 'auth.login' and ${auditLog.via} = 'jwt'`);
    expect(entry).toMatchObject({ actor: "otto", success: true });
  });

  it("lists agents in the envelope with pagination, filter, sort and rate-limit headers", async () => {
    const { access_token } = await v1Tokens("vera", "vera-password");
    const response = await h.v1Handler(apiRequest("/api/v1/agents/?status=online&sort_by=hostname&per_page=1", { headers: bearer(access_token) }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", message: expect.any(String), data: { total: 3, page: 1, per_page: 1, pages: 3 } });
    expect(body.data.items.map((agent: { hostname: string }) => agent.hostname)).toEqual(["alpha-laptop"]);
    expect(response.headers.get("x-ratelimit-limit")).toBe("60");
    expect(Number(response.headers.get("x-ratelimit-remaining"))).toBeLessThan(60);
    expect(Number(response.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);

    const page2 = await (await h.v1Handler(apiRequest("/api/v1/agents/?sort_by=hostname&sort_order=desc&per_page=2&page=2", { headers: bearer(access_token) }))).json();
    expect(page2.data.items.map((agent: { hostname: string }) => agent.hostname)).toEqual(["DESK-07", "alpha-laptop"]);
    const searched = await (await h.v1Handler(apiRequest("/api/v1/agents?search=10.0.0.1", { headers: bearer(access_token) }))).json();
    expect(searched.data.items.map((agent: { uuid: string }) => agent.uuid)).toEqual(["a-1"]);
  });

  it("answers 422 in its error shape naming the query field", async () => {
    const { access_token } = await v1Tokens("vera", "vera-password");
    const response = await h.v1Handler(apiRequest("/api/v1/agents/?per_page=500&sort_by=colour", { headers: bearer(access_token) }));
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body).toMatchObject({ detail: expect.any(String), status: "error", code: "VALIDATION_ERROR" });
    expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual(["per_page", "sort_by"]);
  });

  it("refuses missing, malformed, expired, refresh-as-access and revoked tokens with 401", async () => {
    const plain = await h.v1Handler(apiRequest("/api/v1/agents/"));
    expect(plain.status).toBe(401);
    expect(await plain.json()).toMatchObject({ status: "error", code: "UNAUTHORIZED" });
    expect((await h.v1Handler(apiRequest("/api/v1/agents/", { headers: bearer("not.a.jwt") }))).status).toBe(401);
    const [vera] = await t.db.select().from(users).where(eq(users.username, "vera"));
    const expired = await signToken(getJwtKey(), { userId: vera!.id, typ: "access", familyId: crypto.randomUUID(), jti: crypto.randomUUID() }, 60, new Date(Date.now() - 3_600_000));
    expect((await h.v1Handler(apiRequest("/api/v1/agents/", { headers: bearer(expired) }))).status).toBe(401);
    const tokens = await v1Tokens("vera", "vera-password");
    expect((await h.v1Handler(apiRequest("/api/v1/agents/", { headers: bearer(tokens.refresh_token) }))).status).toBe(401);
    expect((await h.v1Handler(apiRequest("/api/v1/auth/logout", { method: "POST", headers: bearer(tokens.access_token) }))).status).toBe(200);
    expect((await h.v1Handler(apiRequest("/api/v1/agents/", { headers: bearer(tokens.access_token) }))).status).toBe(401);
  });

  it("rotates refresh tokens: each works once, and reusing an old one revokes the family", async () => {
    const first = await v1Tokens("otto", "otto-password");
    const refreshed = await h.v1Handler(apiRequest("/api/v1/auth/refresh", { method: "POST", headers: bearer(first.refresh_token) }));
    expect(refreshed.status).toBe(200);
    const second = await refreshed.json();
    expect((await h.v1Handler(apiRequest("/api/v1/agents/", { headers: bearer(second.access_token) }))).status).toBe(200);
    const reuse = await h.v1Handler(apiRequest("/api/v1/auth/refresh", { method: "POST", headers: bearer(first.refresh_token) }));
    expect(reuse.status).toBe(401);
    // The thief's reuse also ends the legitimate client's newer tokens.
    expect((await h.v1Handler(apiRequest("/api/v1/agents/", { headers: bearer(second.access_token) }))).status).toBe(401);
    expect((await h.v1Handler(apiRequest("/api/v1/auth/refresh", { method: "POST", headers: bearer(second.refresh_token) }))).status).toBe(401);
  });

  it("gets, acts on and removes one agent with the roles of its procedures; accepts API keys", async () => {
    const detail = await h.v1Handler(apiRequest("/api/v1/agents/a-1", { headers: { "x-api-key": keys.viewer } }));
    expect((await detail.json()).data).toMatchObject({ uuid: "a-1", hostname: "WEB-01", ip_address: "10.0.0.11", public_ip: "203.0.113.11", cpu_cores: 4 });
    const missing = await h.v1Handler(apiRequest("/api/v1/agents/nope", { headers: { "x-api-key": keys.viewer } }));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: "error", code: "NOT_FOUND" });
    expect((await h.v1Handler(apiRequest("/api/v1/agents/a-4/action", { headers: { "x-api-key": keys.viewer }, body: { action: "refresh-processes" } }))).status).toBe(403);
    const badAction = await h.v1Handler(apiRequest("/api/v1/agents/a-4/action", { headers: { "x-api-key": keys.operator }, body: { action: "format-disk" } }));
    expect(badAction.status).toBe(422);
    expect((await h.v1Handler(apiRequest("/api/v1/agents/a-4", { method: "DELETE", headers: { "x-api-key": keys.operator } }))).status).toBe(403);
  });

  it("registers an agent: an enrollment token and the gateway URL (operator)", async () => {
    const { access_token } = await v1Tokens("otto", "otto-password");
    const response = await h.v1Handler(apiRequest("/api/v1/agents/register", { headers: bearer(access_token), body: { label: "rack 4" } }));
    expect(response.status).toBe(201);
    expect((await response.json()).data).toMatchObject({ enrollment_token: expect.stringMatching(/^rmm_enr_/), gateway_url: "ws://localhost:3001/agent", max_uses: 1 });
  });

  it("answers 429 with Retry-After after 60 requests a minute from one address", async () => {
    const ip = "198.51.100.200";
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) last = await h.v1Handler(apiRequest("/api/v1/agents/", { ip }));
    expect(last!.status).toBe(429);
    expect(await last!.json()).toMatchObject({ status: "error", code: "TOO_MANY_REQUESTS" });
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last!.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("answers unknown paths in its own 404 shape", async () => {
    const response = await h.v1Handler(apiRequest("/api/v1/nothing/here"));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: "error", code: "NOT_FOUND" });
  });
});

describe("/api/v3", () => {
  it("lists agents with Tactical RMM's field names, with and without the trailing slash", async () => {
    const withSlash = await h.v3Handler(apiRequest("/api/v3/agents/", { headers: { "x-api-key": keys.viewer } }));
    const without = await h.v3Handler(apiRequest("/api/v3/agents", { headers: { "x-api-key": keys.viewer } }));
    expect(withSlash.status).toBe(200);
    const list = await withSlash.json();
    expect(await without.json()).toEqual(list);
    expect(list.find((agent: { agent_id: string }) => agent.agent_id === "a-1")).toEqual({
      agent_id: "a-1",
      hostname: "WEB-01",
      client: { id: expect.any(Number), name: "Default" },
      site: { id: expect.any(Number), name: "Default" },
      plat: "linux",
      operating_system: "Ubuntu 24.04",
      version: null,
      monitoring_type: "server",
      last_seen: "2026-11-01T10:00:00.000Z",
      status: "online",
      logged_in_username: null,
      local_ip: "10.0.0.11",
      public_ip: "203.0.113.11",
      cpu_model: "Xeon",
      total_ram: 16,
      disks: [{ device: "/", free: "23.3 GB", total: "93.1 GB", percent: 75 }],
      group: "Ungrouped",
    });
  });

  it("filters by hostname and monitoring type", async () => {
    const byHost = await (await h.v3Handler(apiRequest("/api/v3/agents/?hostname=desk-07", { headers: { "x-api-key": keys.viewer } }))).json();
    expect(byHost.map((agent: { agent_id: string }) => agent.agent_id)).toEqual(["a-2"]);
    const servers = await (await h.v3Handler(apiRequest("/api/v3/agents/?monitoring_type=server", { headers: { "x-api-key": keys.viewer } }))).json();
    expect(servers.map((agent: { agent_id: string }) => agent.agent_id).sort()).toEqual(["a-1", "a-3"]);
  });

  it("refuses a missing, wrong, expired or revoked key with 401 { detail }", async () => {
    const missing = await h.v3Handler(apiRequest("/api/v3/agents/"));
    expect(missing.status).toBe(401);
    expect(Object.keys(await missing.json())).toEqual(["detail"]);
    expect((await h.v3Handler(apiRequest("/api/v3/agents/", { headers: { "x-api-key": "rmm_00000000_wrong" } }))).status).toBe(401);
    const expiring = await keyFor("vera", "viewer", 1);
    await t.db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.prefix, expiring.split("_").slice(0, 2).join("_")));
    expect((await h.v3Handler(apiRequest("/api/v3/agents/", { headers: { "x-api-key": expiring } }))).status).toBe(401);
    const revoked = await keyFor("vera", "viewer");
    await t.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.prefix, revoked.split("_").slice(0, 2).join("_")));
    expect((await h.v3Handler(apiRequest("/api/v3/agents/", { headers: { "x-api-key": revoked } }))).status).toBe(401);
  });

  it("never lets a key do more than its creator can do now", async () => {
    await seedUser(t.db, "demoted", "admin", { password: "demoted-password" });
    const key = await keyFor("demoted", "admin");
    await t.db.update(users).set({ role: "viewer" }).where(eq(users.username, "demoted"));
    const denied = await h.v3Handler(apiRequest("/api/v3/agents/a-3/", { method: "DELETE", headers: { "x-api-key": key } }));
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ detail: expect.stringMatching(/admin/) });
  });

  it("gets and deletes one agent (admin key); the agent is gone afterwards", async () => {
    expect((await (await h.v3Handler(apiRequest("/api/v3/agents/a-3/", { headers: { "x-api-key": keys.viewer } }))).json()).hostname).toBe("SRV-DB");
    expect((await h.v3Handler(apiRequest("/api/v3/agents/a-3/", { method: "DELETE", headers: { "x-api-key": keys.admin } }))).status).toBe(200);
    expect((await h.v3Handler(apiRequest("/api/v3/agents/a-3/", { headers: { "x-api-key": keys.viewer } }))).status).toBe(404);
    const [entry] = await t.db.select().from(auditLog).where(sql`${auditLog.action} = 'agent.revoke' and ${auditLog.target} = 'a-3'`);
    expect(entry).toMatchObject({ actor: "ada", via: "api-key" });
  });

  it("answers 429 { detail } with Retry-After after 100 requests a minute with one key", async () => {
    const key = await keyFor("vera", "viewer");
    let last: Response | undefined;
    for (let i = 0; i < 101; i++) last = await h.v3Handler(apiRequest("/api/v3/agents/a-1/", { headers: { "x-api-key": key } }));
    expect(last!.status).toBe(429);
    expect(await last!.json()).toEqual({ detail: expect.any(String) });
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("/api/agents", () => {
  it("lists and shows agents with specification 002's field names, to a cookie-less API key or bearer", async () => {
    const list = await (await h.agentsApiHandler(apiRequest("/api/agents", { headers: { "x-api-key": keys.viewer } }))).json();
    expect(list.find((agent: { id: string }) => agent.id === "a-1")).toEqual({ id: "a-1", label: "WEB-01", hostname: "WEB-01", ip: "10.0.0.11", os: "Ubuntu 24.04", version: null, status: "online", last_seen: 1793527200, tags: [] });
    const { access_token } = await v1Tokens("vera", "vera-password");
    const detail = await (await h.agentsApiHandler(apiRequest("/api/agents/a-1", { headers: bearer(access_token) }))).json();
    expect(detail).toMatchObject({ id: "a-1", platform: "linux", metrics: null });
  });

  it("takes an agent's own report with its X-Agent-Key, and only for itself", async () => {
    const { sha256 } = await import("../../auth/secret-hash");
    await t.db.insert(agents).values({ id: "self-1", name: "SELF", secretHash: sha256("self-secret") });
    const report = { cpu_percent: 12.5, mem_percent: 40, disk_percent: 61, uptime_s: 86400 };
    const ok = await h.agentsApiHandler(apiRequest("/api/agents/self-1/report", { headers: { "x-agent-key": "self-1.self-secret" }, body: report }));
    expect(ok.status).toBe(200);
    const [row] = await t.db.select().from(agents).where(eq(agents.id, "self-1"));
    expect(row!.metrics).toMatchObject({ cpuPercent: 12.5, memoryPercent: 40, diskPercent: 61 });
    expect((await h.agentsApiHandler(apiRequest("/api/agents/a-1/report", { headers: { "x-agent-key": "self-1.self-secret" }, body: report }))).status).toBe(403);
    expect((await h.agentsApiHandler(apiRequest("/api/agents/self-1/report", { headers: { "x-agent-key": "self-1.wrong" }, body: report }))).status).toBe(401);
    // An agent key is not a person: it reads nothing.
    expect((await h.agentsApiHandler(apiRequest("/api/agents", { headers: { "x-agent-key": "self-1.self-secret" } }))).status).toBe(401);
    // A person, even an admin, cannot report for an agent.
    expect((await h.agentsApiHandler(apiRequest("/api/agents/self-1/report", { headers: { "x-api-key": keys.admin }, body: report }))).status).toBe(403);
  });

  it("removes an agent (admin only) answering { status: 'deleted' }", async () => {
    expect((await h.agentsApiHandler(apiRequest("/api/agents/a-4", { method: "DELETE", headers: { "x-api-key": keys.operator } }))).status).toBe(403);
    const response = await h.agentsApiHandler(apiRequest("/api/agents/a-4", { method: "DELETE", headers: { "x-api-key": keys.admin } }));
    expect(await response.json()).toEqual({ status: "deleted" });
  });
});

describe("every surface", () => {
  it.each([
    ["spec000", "/nothing", { error: expect.any(String) }],
    ["v3", "/api/v3/nothing/", { detail: expect.any(String) }],
    ["agents", "/api/agents/a-1/nothing", { error: expect.any(String) }],
  ] as const)("%s answers unknown paths in its own 404 shape", async (surface, path, shape) => {
    const handler = { spec000: h.spec000Handler, v3: h.v3Handler, agents: h.agentsApiHandler }[surface];
    const response = await handler(apiRequest(path, { headers: { "x-api-key": keys.viewer } }));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual(shape);
  });

  it("answers a wrong method with 405 and Allow", async () => {
    const response = await h.v3Handler(apiRequest("/api/v3/agents/", { method: "PUT", headers: { "x-api-key": keys.viewer } }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
  });

  it("refuses malformed percent-escapes and NUL bytes in paths and queries with 400, never 500", async () => {
    for (const path of ["/api/v3/agents/%E0%A4%A/", "/api/v3/agents/a%00b/", "/api/v3/agents/?hostname=a%00b"]) {
      const response = await h.v3Handler(apiRequest(path, { headers: { "x-api-key": keys.viewer } }));
      expect(response.status, path).toBe(400);
    }
  });

  it("refuses a NUL byte in a JSON string, a non-JSON body (415) and an oversized body (413)", async () => {
    const { access_token } = await v1Tokens("otto", "otto-password");
    const nul = await h.v1Handler(apiRequest("/api/v1/agents/register", { headers: { ...bearer(access_token), "content-type": "application/json" }, rawBody: '{"label":"a\\u0000b"}' }));
    expect(nul.status).toBe(422);
    expect((await nul.json()).details).toContainEqual(expect.objectContaining({ field: "label" }));
    const form = await h.v1Handler(apiRequest("/api/v1/agents/register", { headers: { ...bearer(access_token), "content-type": "application/x-www-form-urlencoded" }, rawBody: "label=x" }));
    expect(form.status).toBe(415);
    const huge = await h.v1Handler(apiRequest("/api/v1/agents/register", { headers: { ...bearer(access_token), "content-type": "application/json" }, rawBody: JSON.stringify({ label: "x".repeat(2 * 1024 * 1024) }) }));
    expect(huge.status).toBe(413);
  });
});
