/**
 * The foundation's dashboard flow in Chromium: an admin creates an operator with TOTP, the operator
 * signs in with a generated code, cannot administer users, and signs out.
 */
import { expect, test } from "@playwright/test";
import { generate } from "otplib";
import { E2E } from "../support/env";
import { signInWithForm as signIn } from "../support/sign-in";

test("admin creates an operator with TOTP; the operator signs in with a code and is kept out of user administration", async ({ page }) => {
  const operator = { username: `op${Date.now().toString(36)}`, password: "operator-password-1" };

  await signIn(page, E2E.admin.username, E2E.admin.password);
  await expect(page.getByTestId("current-role")).toHaveText(/admin/i);
  await page.goto("/settings/users");
  // The table has controls of its own (each user's role), so the form's are found within the form.
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Username").fill(operator.username);
  await form.getByLabel("Password").fill(operator.password);
  await form.getByLabel("Role").selectOption("operator");
  await form.getByLabel("Require TOTP").check();
  await form.getByRole("button", { name: "Create user" }).click();

  await expect(page.getByAltText("TOTP QR code")).toBeVisible();
  const uri = (await page.getByTestId("otpauth-uri").textContent())!.trim();
  const secret = new URL(uri).searchParams.get("secret")!;
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expect(page.getByRole("row", { name: new RegExp(operator.username) })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // A wrong code is refused with a message that does not say which field was wrong.
  await page.getByLabel("Username").fill(operator.username);
  await page.getByLabel("Password").fill(operator.password);
  await page.getByLabel(/One-time code/).fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /not correct/ })).toBeVisible();

  await signIn(page, operator.username, operator.password, await generate({ secret }));
  await expect(page.getByTestId("current-role")).toHaveText(/operator/i);
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);

  await page.goto("/settings/users");
  await expect(page.getByText(/need the admin role/i)).toBeVisible();
  const usersApi = await page.request.get("/users");
  expect(usersApi.status()).toBe(403);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.request.get("/auth/me")).status()).toBe(401);
  await page.goto("/devices");
  await expect(page).toHaveURL(/\/sign-in$/);
});
