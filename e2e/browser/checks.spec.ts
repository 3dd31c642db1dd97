/**
 * The device page's Checks tab in Chromium with a real Linux agent: a memory check added through
 * the form is listed as pending, after the next check round as failing (1 % cannot hold), and is
 * removed again.
 */
import { expect, test } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { signIn } from "../support/sign-in";

test("a check added on the Checks tab runs and shows its outcome", async ({ page }) => {
  test.setTimeout(200_000);
  await signIn(page);
  const { agentId, process: agent } = await startLinuxAgent(page.request);
  try {
    await page.goto(`/devices/${encodeURIComponent(agentId)}`);
    await page.getByRole("navigation", { name: "Device sections" }).getByRole("link", { name: "Checks" }).click();
    await expect(page.getByText("No checks yet")).toBeVisible();

    const form = page.getByRole("form", { name: "New check" });
    await form.getByLabel("Name").fill("Memory tiny");
    await form.getByLabel("Type").selectOption("memory");
    await form.getByLabel("Threshold (%)").fill("1");
    await form.getByRole("button", { name: "Add check" }).click();
    await expect(form.getByRole("status")).toHaveText(/Check Memory tiny added/);
    const row = page.getByTestId("check-row").filter({ hasText: "Memory tiny" });
    await expect(row).toContainText("pending");

    await expect
      .poll(
        async () => {
          await page.reload();
          return (await page.getByTestId("check-row").filter({ hasText: "Memory tiny" }).textContent()) ?? "";
        },
        { timeout: 150_000, intervals: [5_000] },
      )
      .toMatch(/failing.*Memory [\d.]+%, threshold 1%/);

    await page.getByRole("button", { name: "Remove check Memory tiny" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove check" }).click();
    await expect(page.getByText("No checks yet")).toBeVisible();
  } finally {
    stopProcessGroup(agent);
  }
});
