/** Authentication against the running product over plain HTTP, as a REST client sees it. */
import { createHmac } from "node:crypto";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { E2E } from "../support/env";
import { postFrom } from "../support/post-from";

const json = { "content-type": "application/json" };

test("sign-in sets the session cookie; sign-out invalidates it on the server", async () => {
  const client = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  const login = await client.post("/auth/login", { headers: json, data: { ...E2E.admin, totp: "" } });
  expect(login.status()).toBe(200);
  expect(await login.json()).toEqual({ username: "admin", role: "admin" });
  const setCookie = login.headers()["set-cookie"]!;
  expect(setCookie).toMatch(/rmm-session=.+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
  const cookie = setCookie.split(";")[0]!;

  expect(await (await client.get("/auth/me")).json()).toEqual({ username: "admin", role: "admin" });
  expect((await client.get("/auth/logout")).status()).toBe(200);

  const replay = await playwrightRequest.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { cookie } });
  expect((await replay.get("/auth/me")).status()).toBe(401);
});

test("state-changing requests from another origin are refused with 403", async () => {
  const client = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  await client.post("/auth/login", { headers: json, data: E2E.admin });
  const foreign = await client.post("/groups", { headers: { ...json, origin: "http://attacker.example" }, data: { name: "Evil" } });
  expect(foreign.status()).toBe(403);
  const own = await client.post("/groups", { headers: { ...json, origin: E2E.baseUrl }, data: { name: "Own" } });
  expect(own.status()).toBe(201);
  expect((await (await client.get("/groups")).json()).groups).not.toContain("Evil");
});

test("a forged X-Forwarded-For does not escape sign-in throttling", async () => {
  // From 127.0.0.2, so that the block does not affect the other tests (which come from 127.0.0.1).
  let last = { status: 0, retryAfter: "" };
  for (let i = 0; i < 21 && last.status !== 429; i++) {
    last = await postFrom("127.0.0.2", "/auth/login", { username: `nobody${i}`, password: "wrong" }, { "x-forwarded-for": `203.0.113.${i}` });
  }
  expect(last.status).toBe(429);
  expect(Number(last.retryAfter)).toBeGreaterThan(0);
  // The real user at another address is not locked out by it.
  expect((await postFrom("127.0.0.3", "/auth/login", E2E.admin)).status).toBe(200);
});

test("single sign-on link signs in for five minutes and redirects to the dashboard", async () => {
  const client = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  const ts = Date.now();
  const sig = createHmac("sha256", E2E.ssoSecret).update(`admin:${ts}`).digest("hex");
  const response = await client.get(`/auth/sso?username=admin&ts=${ts}&sig=${sig}`, { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers()["location"]).toBe("/");
  expect(response.headers()["set-cookie"]).toMatch(/Max-Age=300/);
  expect(await (await client.get("/auth/me")).json()).toEqual({ username: "admin", role: "admin" });
  const again = await client.get(`/auth/sso?username=admin&ts=${ts}&sig=${sig}`, { maxRedirects: 0 });
  expect(again.status()).toBe(401);
});

test("the gateway answers its health check", async () => {
  const client = await playwrightRequest.newContext();
  const health = await client.get(`http://127.0.0.1:${E2E.gatewayPort}/healthz`);
  expect(await health.json()).toEqual({ status: "ok" });
});

test("there is no setup page or route once the admin exists", async () => {
  const client = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  for (const path of ["/setup", "/api/setup", "/install", "/register"]) {
    expect((await client.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
});
