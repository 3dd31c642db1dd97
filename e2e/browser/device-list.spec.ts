/**
 * The device list as technicians work in it: 30 agents (fake ones over the real gateway), a search
 * kept in the address, several selected and moved to another client's site in one action, the
 * client tree narrowing the list, and a reload showing the same filtered list.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { FakeAgent } from "../../src/test/fake-agent";
import { E2E } from "../support/env";
import { signIn } from "../support/sign-in";

async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: input, headers: { "content-type": "application/json" } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

test("search, multi-select and bulk move, with the filters kept in the address", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const stamp = Date.now().toString(36).toUpperCase();
  const client = await trpcMutation<{ id: number; name: string; sites: { id: number; name: string }[] }>(page.request, "clients.create", { name: `Dental ${stamp}`, siteName: "Surgery" });
  const { token } = await trpcMutation<{ token: string }>(page.request, "enrollment.create", { label: `device list ${stamp}`, ttlHours: 1, maxUses: 30 });
  const fleet: FakeAgent[] = [];
  try {
    for (let index = 0; index < 30; index += 1) {
      fleet.push(await FakeAgent.connect({ url: `ws://127.0.0.1:${E2E.gatewayPort}/agent`, token, name: `DL-${stamp}-${String(index).padStart(2, "0")}` }));
    }

    await page.goto("/devices");
    await page.getByLabel("Search devices").fill(`DL-${stamp}`);
    await expect(page).toHaveURL(new RegExp(`[?&]q=DL-${stamp}`));
    await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("1–30 of 30 devices");
    await page.screenshot({ path: test.info().outputPath("device-list.png"), fullPage: true });

    for (const index of ["00", "01", "02"]) await page.getByLabel(`Select DL-${stamp}-${index}`).check();
    const bar = page.getByRole("toolbar", { name: "Selected devices" });
    await expect(bar).toContainText("3 devices selected");
    await bar.getByRole("button", { name: "Move to site…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Site").selectOption({ label: `Dental ${stamp} / Surgery` });
    await dialog.getByRole("button", { name: "Move to site" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Moved 3 devices" })).toContainText(`Dental ${stamp} / Surgery`);

    await page.getByRole("navigation", { name: "Clients and sites" }).getByRole("link", { name: new RegExp(`Dental ${stamp}`) }).first().click();
    await expect(page).toHaveURL(new RegExp(`client=${client.id}`));
    await expect(page).toHaveURL(new RegExp(`q=DL-${stamp}`));
    await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("1–3 of 3 devices");

    await page.reload();
    await expect(page.getByLabel("Search devices")).toHaveValue(`DL-${stamp}`);
    await expect(page.locator("tbody tr")).toHaveCount(3);
    await expect(page.locator("tbody")).toContainText(`Dental ${stamp}`);
  } finally {
    await Promise.all(fleet.map((agent) => agent.close()));
  }
});
