/**
 * "Add agent" → "Install with one command": an operator makes an install link for a site, copies a
 * command whose script is really served, sees the link under Enrollment and revokes it, after
 * which the script is refused. (The command itself is not run here: it installs a system service.)
 */
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { E2E } from "../support/env";
import { signIn } from "../support/sign-in";

test("an install link for a site gives a one-line command, and revoking it stops the script", async ({ page }) => {
  await signIn(page);
  await page.getByRole("button", { name: "Add agent" }).first().click();
  const dialog = page.getByRole("dialog");
  const panel = dialog.getByRole("region", { name: "Install with one command" });
  await panel.getByLabel("System").selectOption("linux");
  await panel.getByRole("button", { name: "Create install link" }).click();
  const command = (await panel.getByTestId("install-command").locator("pre").textContent()) ?? "";
  const match = /^curl -fsSL '([^']+)' \| sudo sh$/.exec(command.trim());
  expect(match, command).not.toBeNull();
  const scriptUrl = match![1]!;
  expect(scriptUrl).toContain("/api/agents/install-script?key=");

  // The script is served without a session: the link is the secret.
  const anonymous = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  const script = await anonymous.get(scriptUrl);
  expect(script.status()).toBe(200);
  expect(await script.text()).toMatch(/^#!\/bin\/sh/);
  await page.keyboard.press("Escape");

  await page.goto("/settings/enrollment");
  const row = page.getByRole("row", { name: /Default \/ Default.*Linux amd64/ });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /Revoke/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByText(/Install link .* revoked/)).toBeVisible();
  expect((await anonymous.get(scriptUrl)).status()).toBe(404);
});
