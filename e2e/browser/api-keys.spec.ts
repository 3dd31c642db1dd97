/**
 * API keys in Chromium: an admin creates a key, sees it exactly once, the key opens /api/v3, the
 * list shows only its prefix, and after a confirmed revocation the key is refused.
 */
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { E2E } from "../support/env";
import { signIn } from "../support/sign-in";

/** What /api/v3 answers to the key alone: a fresh context, so no session cookie can vouch for it. */
async function v3Status(key: string): Promise<number> {
  const client = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  try {
    return (await client.get("/api/v3/agents/", { headers: { "X-API-KEY": key } })).status();
  } finally {
    await client.dispose();
  }
}

test("admin creates an API key, sees it once, and revokes it with confirmation", async ({ page }) => {
  const name = `e2e key ${Date.now().toString(36)}`;

  await signIn(page);
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();

  const form = page.getByRole("form", { name: "Create API key" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Role").selectOption("operator");
  await form.getByLabel("Expires").selectOption({ label: "30 days" });
  await form.getByRole("button", { name: "Create API key" }).click();

  const shown = page.getByTestId("new-api-key");
  await expect(shown).toHaveText(/^rmm_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  const key = (await shown.textContent())!.trim();
  const prefix = key.slice(0, "rmm_".length + 8);
  await expect(page.getByText(/will not be shown again/)).toBeVisible();
  await expect(page.getByTestId("new-api-key-example")).toHaveText(`curl -H "X-API-KEY: ${key}" ${E2E.baseUrl}/api/v3/agents/`);

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(prefix);
  await expect(row).toContainText("operator");
  await expect(row).toContainText("active");
  expect(await v3Status(key)).toBe(200);

  // Once the panel is gone, nothing on the page holds the key any more; the list has only its prefix.
  await page.reload();
  await expect(row).toContainText(prefix);
  await expect(page.getByText(key)).toHaveCount(0);

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Revoke API key ${name}?`);
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();

  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  expect(await v3Status(key)).toBe(401);
});
