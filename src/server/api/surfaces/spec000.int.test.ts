/**
 * Specification 000's paths, called through the surface's real dispatcher (without Next's
 * server): cookie attributes, the error shape, status codes, and that bad input writes nothing.
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser } from "../../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../../test/test-db";
import { auditLog, users } from "../../db/schema";
import { signSso } from "../../auth/sso";

const SSO_SECRET = "rest-test-sso-secret-0123456789";
let t: TestDatabase;
let call: (request: Request) => Promise<Response>;

beforeAll(async () => {
  t = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: t.url, AUTH_SECRET: "x".repeat(48), SSO_SECRET, PUBLIC_URL: "http://localhost:3000" });
  await seedUser(t.db, "admin", "admin", { password: "admin-password" });
  await seedUser(t.db, "viewer", "viewer", { password: "viewer-password" });
  call = (await import("../handlers")).spec000Handler;
});
afterAll(async () => {
  await (await import("../../db/client")).closeDb();
  await t.close();
});

let ipCounter = 0;
function request(path: string, init: { method?: string; body?: string | object; cookie?: string; ip?: string; accept?: string } = {}) {
  const headers = new Headers({ "x-rmm-client-ip": init.ip ?? `198.51.100.${++ipCounter}` });
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.accept) headers.set("accept", init.accept);
  const body = typeof init.body === "object" ? JSON.stringify(init.body) : init.body;
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(`http://localhost:3000${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

async function signIn(username: string, password: string): Promise<string> {
  const response = await call(request("/auth/login", { body: { username, password } }));
  expect(response.status).toBe(200);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

describe("POST /auth/login", () => {
  it("sets an HttpOnly, SameSite=Lax rmm-session cookie and answers the user", async () => {
    const response = await call(request("/auth/login", { body: { username: "admin", password: "admin-password", totp: "" } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ username: "admin", role: "admin" });
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^rmm-session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // served over http here
  });

  it("answers 401 without saying which field was wrong", async () => {
    const wrongPassword = await call(request("/auth/login", { body: { username: "admin", password: "nope" } }));
    const unknownUser = await call(request("/auth/login", { body: { username: "ghost", password: "nope" } }));
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await unknownUser.json());
  });

  it("answers 400 naming the field for malformed JSON and wrong types", async () => {
    const malformed = await call(request("/auth/login", { body: "{not json" }));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: expect.any(String), details: [{ field: "body" }] });
    const wrongType = await call(request("/auth/login", { body: { username: 42, password: "x" } }));
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).details).toContainEqual(expect.objectContaining({ field: "username" }));
  });

  it("answers 429 with Retry-After once an address is throttled", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) last = await call(request("/auth/login", { body: { username: `x${i}`, password: "bad" }, ip: "203.0.113.77" }));
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("sessions", () => {
  it("GET /auth/me answers the user; 401 without a session", async () => {
    const cookie = await signIn("viewer", "viewer-password");
    const me = await call(request("/auth/me", { cookie }));
    expect(await me.json()).toEqual({ username: "viewer", role: "viewer" });
    expect((await call(request("/auth/me"))).status).toBe(401);
    expect((await call(request("/auth/me", { cookie: "rmm-session=forged" }))).status).toBe(401);
  });

  it("GET /auth/logout clears the cookie and the old value is refused afterwards", async () => {
    const cookie = await signIn("viewer", "viewer-password");
    const response = await call(request("/auth/logout", { cookie }));
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/^rmm-session=;.*Max-Age=0/);
    expect((await call(request("/auth/me", { cookie }))).status).toBe(401);
  });

  it("GET /auth/logout sends a browser back to the sign-in page", async () => {
    const response = await call(request("/auth/logout", { accept: "text/html" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/sign-in");
  });
});

describe("GET /auth/sso", () => {
  it("signs in for five minutes and redirects to /", async () => {
    const ts = Date.now();
    const response = await call(request(`/auth/sso?username=viewer&ts=${ts}&sig=${signSso(SSO_SECRET, "viewer", ts)}`));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/Max-Age=300/);
    const me = await call(request("/auth/me", { cookie: cookie.split(";")[0]! }));
    expect(await me.json()).toEqual({ username: "viewer", role: "viewer" });
  });

  it("refuses a bad signature with 401 and missing parameters with 400", async () => {
    expect((await call(request(`/auth/sso?username=viewer&ts=${Date.now()}&sig=${"0".repeat(64)}`))).status).toBe(401);
    const missing = await call(request("/auth/sso?username=viewer"));
    expect(missing.status).toBe(400);
    expect((await missing.json()).details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(["ts", "sig"]));
  });
});

describe("groups, users and clients", () => {
  it("enforce roles: 401 without a session, 403 below the role", async () => {
    const viewer = await signIn("viewer", "viewer-password");
    expect((await call(request("/users"))).status).toBe(401);
    expect((await call(request("/users", { cookie: viewer }))).status).toBe(403);
    expect((await call(request("/groups/assign", { cookie: viewer, body: { agentId: "a", group: "b" } }))).status).toBe(403);
    expect((await call(request("/clients", { cookie: viewer }))).status).toBe(200);
  });

  it("POST /groups normalises the name; GET /groups lists it sorted with Ungrouped", async () => {
    const viewer = await signIn("viewer", "viewer-password");
    const created = await call(request("/groups", { cookie: viewer, body: { name: "  Head   Office " } }));
    expect(await created.json()).toEqual({ name: "Head Office" });
    expect(created.status).toBe(201);
    expect(await (await call(request("/groups", { cookie: viewer }))).json()).toEqual({ groups: ["Head Office", "Ungrouped"] });
  });

  it("POST /groups/assign answers 404 for an unknown agent", async () => {
    const admin = await signIn("admin", "admin-password");
    const response = await call(request("/groups/assign", { cookie: admin, body: { agentId: "missing", group: "Lab" } }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: expect.stringContaining("missing") });
  });

  it("POST /users validates every field, refuses duplicates with 409, and writes nothing then", async () => {
    const admin = await signIn("admin", "admin-password");
    const countUsers = async () => (await t.db.select({ value: count() }).from(users))[0]!.value;
    const countAudit = async () => (await t.db.select({ value: count() }).from(auditLog))[0]!.value;
    const [usersBefore, auditBefore] = [await countUsers(), await countAudit()];
    const cases: [object | string, number, string][] = [
      ["{", 400, "body"],
      [{ username: "new1", password: "password1", role: "superuser" }, 400, "role"],
      [{ username: "", password: "password1", role: "viewer" }, 400, "username"],
      [{ username: "x".repeat(65), password: "password1", role: "viewer" }, 400, "username"],
      [{ username: "new1", password: 12345678, role: "viewer" }, 400, "password"],
      [{ username: "VIEWER", password: "password1", role: "viewer" }, 409, "username"],
    ];
    for (const [body, status, field] of cases) {
      const response = await call(request("/users", { cookie: admin, body }));
      expect(response.status, JSON.stringify(body)).toBe(status);
      const answer = await response.json();
      expect(answer.error).toEqual(expect.any(String));
      expect(answer.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await countUsers()).toBe(usersBefore);
    expect(await countAudit()).toBe(auditBefore);
  });

  it("POST /users with totp answers the otpauth URI once; GET /users never shows secrets", async () => {
    const admin = await signIn("admin", "admin-password");
    const created = await call(request("/users", { cookie: admin, body: { username: "newop", password: "password1", role: "operator", totp: true } }));
    expect(created.status).toBe(201);
    expect((await created.json()).otpauthUri).toMatch(/^otpauth:\/\//);
    const { users: listed } = await (await call(request("/users", { cookie: admin }))).json();
    expect(listed).toContainEqual({ username: "newop", role: "operator", createdAt: expect.any(String), totpEnabled: true, disabled: false, lastSignInAt: null, clientIds: null });
    expect(JSON.stringify(listed)).not.toMatch(/totpSecret|passwordHash|otpauth/);
  });
});
