/** Signing in through the real sign-in page, as a person would, and API clients for seeding data. */
import { expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { E2E } from "./env";

/** The first admin, through the dashboard's form. */
export async function signIn(page: Page): Promise<void> {
  await signInWithForm(page, E2E.admin.username, E2E.admin.password);
}

/** Signs in through the dashboard's form and waits for the device list. */
export async function signInWithForm(page: Page, username: string, password: string, totp = ""): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  if (totp) await page.getByLabel(/One-time code/).fill(totp);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/devices$/);
  await expect(page.getByTestId("current-user")).toHaveText(username);
}

/** An API client signed in as the first admin, for seeding data without the UI. */
export async function adminApi(): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  expect((await api.post("/auth/login", { data: E2E.admin })).status()).toBe(200);
  return api;
}

/** Creates a user with a unique name (POST /users) and answers their credentials. */
export async function seedUser(api: APIRequestContext, prefix: string, role: "viewer" | "operator" | "admin") {
  const user = { username: `${prefix}${Date.now().toString(36)}`, password: `${prefix}-password-1` };
  expect((await api.post("/users", { data: { ...user, role, totp: false } })).status()).toBe(201);
  return user;
}
