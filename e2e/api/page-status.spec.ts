/**
 * Dashboard pages answer with the HTTP status of what they show, as a browser or a monitoring
 * probe receives them: 404 for a device that does not exist, 403 for a page above one's role.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "../support/env";
import { adminApi, seedUser } from "../support/sign-in";

let admin: APIRequestContext;
let viewer: APIRequestContext;
test.beforeAll(async () => {
  admin = await adminApi();
  const credentials = await seedUser(admin, "viewer", "viewer");
  viewer = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  expect((await viewer.post("/auth/login", { data: credentials })).status()).toBe(200);
});
test.afterAll(async () => {
  await admin.dispose();
  await viewer.dispose();
});

test("a device that does not exist is a 404 page", async () => {
  const response = await admin.get("/devices/does-not-exist");
  expect(response.status()).toBe(404);
  expect(await response.text()).toMatch(/not found/i);
});

test("pages above the viewer's role are 403 pages that name the role; the viewer's own pages are 200", async () => {
  for (const [path, role] of [["/settings/users", "admin"], ["/settings/audit", "admin"], ["/settings/api-keys", "admin"], ["/settings/enrollment", "operator"]]) {
    const response = await viewer.get(path!);
    expect(response.status(), path).toBe(403);
    expect(await response.text(), path).toContain(`You need the ${role} role`);
    expect((await admin.get(path!)).status(), path).toBe(200);
  }
  expect((await viewer.get("/devices")).status()).toBe(200);
  expect((await viewer.get("/settings/groups")).status()).toBe(200);
});
