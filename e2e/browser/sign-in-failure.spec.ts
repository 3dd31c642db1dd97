/**
 * A refused sign-in is an everyday event: the person sees one message, and the operator's console
 * is not filled with a stack trace for it (the audit log records it).
 */
import { expect, test } from "@playwright/test";
import { productLogMark, productLogSince } from "../support/product-log";

test("a refused sign-in shows one message and prints no stack trace on the server", async ({ page }) => {
  const mark = await productLogMark();
  await page.goto("/sign-in");
  // A user that does not exist: the same refusal as a wrong password, without throttling anyone.
  await page.getByLabel("Username").fill(`nobody${Date.now().toString(36)}`);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /not correct/ })).toBeVisible();
  // The refusal was logged (if at all) before the answer; give the launcher's pipes a moment to pass it on.
  await page.waitForTimeout(1_000);
  const printed = await productLogSince(mark);
  expect(printed).not.toMatch(/CredentialsSignin|\[auth\]\[error\]/);
  expect(printed).not.toMatch(/^\s+at /m);
});
