/**
 * Monitoring in Chromium with a real Linux agent: a profile with a low memory threshold created in
 * the dashboard and assigned to the agent raises an alert (header count, device badge, alert
 * centre, event history), which is acknowledged; deleting the profile closes it.
 */
import { expect, test } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { signIn } from "../support/sign-in";


test("a low memory threshold raises an alert that is acknowledged, and closes with its profile", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const device = await startLinuxAgent(page.request, "monitoring-agent.log");
  const agent = device.process;
  try {
    const agentId = device.agentId;

    await page.getByRole("link", { name: "Monitoring" }).click();
    await expect(page.getByRole("heading", { name: "Monitoring", exact: true })).toBeVisible();
    const form = page.getByRole("form", { name: "New monitoring profile" });
    const name = `Memory e2e ${Date.now().toString(36)}`;
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Rule 1 metric").selectOption("ram");
    await form.getByLabel("Rule 1 threshold").fill("1");
    await form.getByLabel("Rule 1 window in seconds").fill("0");
    await form.getByLabel("Rule 1 severity").selectOption("critical");
    await form.getByRole("button", { name: "Create profile" }).click();
    const card = page.getByTestId("monitoring-profile").filter({ hasText: name });
    await expect(card).toContainText("Memory ≥ 1% (latest sample, critical)");
    await card.getByLabel(`Assign ${name} to`).selectOption(`agent:${agentId}`);
    await card.getByRole("button", { name: "Assign" }).click();
    await expect(card).toContainText(`Applies to: ${device.name}`);

    // The next sample (every 15 s) is over 1 %: the header's count shows it without a reload.
    await expect(page.getByTestId("alert-count")).toHaveText(/^\d+ alerts?$/, { timeout: 40_000 });
    await page.getByTestId("alert-count").click();
    await expect(page).toHaveURL(/\/alerts$/);
    // Other specs' devices share this machine's host name: find the row by its device link.
    const row = page.getByRole("row").filter({ has: page.locator(`a[href="/devices/${agentId}"]`) });
    // Other specs' alerts may already be counted in the header: wait for this device's own row.
    await expect(row).toContainText(/Memory at or above 1%: \d+(\.\d)?% on average/, { timeout: 40_000 });
    await expect(row).toContainText("critical");
    await page.screenshot({ path: "test-results/monitoring-alerts.png", fullPage: true });
    await row.getByRole("button", { name: /Acknowledge alert/ }).click();
    await expect(row).toContainText("acknowledged");
    await expect(row).toContainText("by admin");

    const history = (await (await page.request.get(`/monitoring/events/history?agentId=${agentId}`)).json()) as { eventName: string }[];
    expect(history.map((entry) => entry.eventName)).toEqual(expect.arrayContaining(["alert", "alert-acknowledged"]));

    await page.goto("/devices");
    await expect(page.getByRole("row").filter({ has: page.locator(`a[href="/devices/${agentId}"]`) }).getByTestId("device-alert-badge")).toHaveText("1");

    await page.getByRole("link", { name: "Monitoring" }).click();
    await card.getByRole("button", { name: `Delete ${name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete profile" }).click();
    await expect(card).toHaveCount(0);
    await page.goto("/alerts");
    await expect(page.locator(`a[href="/devices/${agentId}"]`)).toHaveCount(0);
  } finally {
    stopProcessGroup(agent);
  }
});
