/**
 * The API platform against the real product: an admin's API key lists a real connected agent on
 * /api/v3 with Tactical RMM's field names; /api/v1 signs in and lists with the envelope,
 * pagination and rate-limit headers; spec 000's root paths, trailing slashes and unknown paths go
 * through Next to the right dispatcher; /docs offers all four documents.
 */
import type { ChildProcess } from "node:child_process";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { E2E } from "../support/env";

let admin: APIRequestContext;
let anonymous: APIRequestContext;
let agentProcess: ChildProcess | undefined;
let agentId: string;

test.beforeAll(async () => {
  admin = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  anonymous = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  expect((await admin.post("/auth/login", { data: E2E.admin })).status()).toBe(200);
  const agent = await startLinuxAgent(admin, "platform-agent.log");
  agentProcess = agent.process;
  agentId = agent.agentId;
});
test.afterAll(() => {
  if (agentProcess) stopProcessGroup(agentProcess);
});

test("an API key from the dashboard's procedure lists the connected agent on /api/v3 with Tactical RMM's fields", async () => {
  // The dashboard's own tRPC call, as the API keys page makes it.
  const created = await admin.post("/api/trpc/apiKeys.create", { data: { name: "e2e integration", role: "viewer" } });
  expect(created.status()).toBe(200);
  const { key } = (await created.json()).result.data as { key: string };

  const list = await anonymous.get("/api/v3/agents/", { headers: { "x-api-key": key } });
  expect(list.status()).toBe(200);
  const agent = ((await list.json()) as Record<string, unknown>[]).find((item) => item.agent_id === agentId);
  expect(agent).toMatchObject({ agent_id: agentId, hostname: expect.any(String), plat: "linux", status: "online", operating_system: expect.any(String), cpu_model: expect.any(String), total_ram: expect.any(Number), disks: expect.any(Array) });
  expect((agent!.local_ip as string | null) ?? "").not.toBe("127.0.0.1");

  const one = await anonymous.get(`/api/v3/agents/${agentId}`, { headers: { "x-api-key": key } });
  expect(one.status()).toBe(200);
  expect((await anonymous.get("/api/v3/agents/")).status()).toBe(401);
  const unknown = await anonymous.get("/api/v3/no/such/path/", { headers: { "x-api-key": key } });
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toEqual({ detail: expect.any(String) });
});

test("/api/v1 signs in and lists online agents with the envelope, pagination and rate-limit headers", async () => {
  const login = await anonymous.post("/api/v1/auth/login", { data: E2E.admin });
  expect(login.status()).toBe(200);
  const { access_token, token_type } = await login.json();
  expect(token_type).toBe("bearer");
  const response = await anonymous.get("/api/v1/agents/?status=online&sort_by=hostname&per_page=1", { headers: { authorization: `Bearer ${access_token}` } });
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", data: { page: 1, per_page: 1, total: expect.any(Number), pages: expect.any(Number) } });
  expect(body.data.items).toHaveLength(1);
  expect(body.data.items[0]).toMatchObject({ status: "online" });
  const headers = response.headers();
  expect(headers["x-ratelimit-limit"]).toBe("60");
  expect(Number(headers["x-ratelimit-remaining"])).toBeLessThan(60);
  expect(Number(headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000 - 1);
});

test("spec 000 answers at its root paths, in its shapes, with the reference server's fields", async () => {
  const clients = (await (await admin.get("/clients")).json()) as Record<string, unknown>[];
  expect(clients.find((agent) => agent.id === agentId)).toMatchObject({ id: agentId, agentId, connectedAt: expect.any(String), status: "online" });
  expect(await (await admin.get("/groups")).json()).toMatchObject({ groups: expect.arrayContaining(["Ungrouped"]) });
  expect(await (await admin.get("/users")).json()).toMatchObject({ users: expect.arrayContaining([expect.objectContaining({ username: E2E.admin.username })]) });
  const unknown = await admin.get("/processes/x/nothing");
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toEqual({ error: expect.any(String) });
});

test("/docs offers the four OpenAPI documents, each served and valid-looking", async () => {
  const page = await anonymous.get("/docs");
  expect(page.status()).toBe(200);
  const html = await page.text();
  for (const url of ["/openapi.json", "/api/v1/openapi.json", "/api/v3/openapi.json", "/api/agents/openapi.json"]) {
    expect(html).toContain(url);
    const document = await (await anonymous.get(url)).json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).length).toBeGreaterThan(2);
  }
  expect((await anonymous.get("/redoc")).status()).toBe(200);
});
