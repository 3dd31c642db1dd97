/**
 * Account control in Chromium: an admin disables an operator who is signed in elsewhere (their
 * next request lands on the sign-in page, and signing in again is refused until they are
 * enabled), and people change their own password and set up TOTP on their account page.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { generate } from "otplib";
import { E2E } from "../support/env";
import { adminApi, seedUser, signInWithForm } from "../support/sign-in";

let api: APIRequestContext;
test.beforeAll(async () => {
  api = await adminApi();
});
test.afterAll(() => api.dispose());

test("an admin disables a signed-in operator: the operator is signed out at their next request", async ({ page, browser }) => {
  const operator = await seedUser(api, "op", "operator");
  const operatorContext = await browser.newContext();
  const operatorPage = await operatorContext.newPage();
  await signInWithForm(operatorPage, operator.username, operator.password);

  await signInWithForm(page, E2E.admin.username, E2E.admin.password);
  await page.goto("/settings/users");
  const ownRow = page.locator(`tr[data-username="${E2E.admin.username}"]`);
  await expect(ownRow.getByText("you", { exact: true })).toBeVisible();
  await expect(ownRow.getByRole("button")).toHaveCount(0);

  const row = page.locator(`tr[data-username="${operator.username}"]`);
  await row.getByRole("button", { name: `Disable ${operator.username}` }).click();
  const dialog = page.getByRole("dialog", { name: `Disable ${operator.username}?` });
  await dialog.getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${operator.username} is disabled` })).toBeVisible();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();

  await operatorPage.goto("/settings/groups");
  await expect(operatorPage).toHaveURL(/\/sign-in$/);
  expect((await operatorPage.request.get("/auth/me")).status()).toBe(401);
  await operatorPage.getByLabel("Username").fill(operator.username);
  await operatorPage.getByLabel("Password").fill(operator.password);
  await operatorPage.getByRole("button", { name: "Sign in" }).click();
  await expect(operatorPage.getByRole("alert").filter({ hasText: /not correct/ })).toBeVisible();

  await row.getByRole("button", { name: `Enable ${operator.username}` }).click();
  await page.getByRole("dialog", { name: `Enable ${operator.username}?` }).getByRole("button", { name: "Enable user" }).click();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await signInWithForm(operatorPage, operator.username, operator.password);
  await operatorContext.close();
});

test("a user changes their own password: this session stays, the others end, and only the new password signs in", async ({ page, browser }) => {
  const viewer = await seedUser(api, "vi", "viewer");
  const elsewhere = await browser.newContext();
  const elsewherePage = await elsewhere.newPage();
  await signInWithForm(elsewherePage, viewer.username, viewer.password);

  await signInWithForm(page, viewer.username, viewer.password);
  await page.getByRole("link", { name: viewer.username }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);

  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not-my-password");
  await form.getByLabel("New password", { exact: true }).fill("viewer-new-password");
  await form.getByLabel("Repeat new password").fill("viewer-new-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("is not correct")).toBeVisible();

  await form.getByLabel("Current password").fill(viewer.password);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText(/Password changed\. 1 other sign-in was signed out\./);

  await page.reload();
  await expect(page.getByTestId("current-user")).toHaveText(viewer.username);
  expect((await elsewherePage.request.get("/auth/me")).status()).toBe(401);
  await elsewhere.close();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Username").fill(viewer.username);
  await page.getByLabel("Password").fill(viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /not correct/ })).toBeVisible();
  await signInWithForm(page, viewer.username, "viewer-new-password");
});

test("a user sets up TOTP with a confirmed code, and signing in then asks for one", async ({ page }) => {
  const viewer = await seedUser(api, "to", "viewer");
  await signInWithForm(page, viewer.username, viewer.password);
  await page.goto("/settings/account");
  await page.getByRole("button", { name: "Set up TOTP" }).click();
  await expect(page.getByAltText("TOTP QR code")).toBeVisible();
  const secret = new URL((await page.getByTestId("otpauth-uri").textContent())!.trim()).searchParams.get("secret")!;

  const confirm = page.getByRole("form", { name: "Confirm TOTP" });
  await confirm.getByLabel("Code from the app").fill(await generate({ secret }));
  await confirm.getByRole("button", { name: "Turn on TOTP" }).click();
  await expect(page.getByRole("status").filter({ hasText: "TOTP is on" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Remove TOTP" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Username").fill(viewer.username);
  await page.getByLabel("Password").fill(viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /not correct/ })).toBeVisible();
  // The confirming code counts as used; the next time step's code is accepted (one step of drift is allowed).
  await signInWithForm(page, viewer.username, viewer.password, await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
});
