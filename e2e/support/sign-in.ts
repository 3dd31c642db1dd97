/** Signing in through the real sign-in page, as a person would. */
import { expect, type Page } from "@playwright/test";
import { E2E } from "./env";

export async function signIn(page: Page, credentials: { username: string; password: string } = E2E.admin) {
  await page.goto("/sign-in");
  await page.getByLabel("Username").fill(credentials.username);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/devices$/);
}
