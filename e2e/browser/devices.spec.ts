/**
 * The agents issue's dashboard flow in Chromium with a real Linux agent: the "Add agent" dialog,
 * the agent appearing online without a reload, the device page's process table, ending a process
 * with confirmation, the agent going offline live, and removing the device.
 */
import { stat } from "node:fs/promises";
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { signIn } from "../support/sign-in";

type Client = { agentId: string; status: string };

test("a downloaded agent shows up live; its processes can be listed and ended; it goes offline live", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);

  await page.getByRole("button", { name: "Add agent" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: /Download for Windows/ })).toBeVisible();
  // The button posts (a download mints an enrollment token) and the browser saves the ZIP.
  const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: /Download for Linux/ }).click()]);
  expect(download.suggestedFilename()).toBe("rmm-agent-linux.zip");
  expect((await stat((await download.path())!)).size).toBeGreaterThan(1_000_000);
  await expect(dialog).toContainText(/valid until/i);
  await page.keyboard.press("Escape");

  const { agentId, process: agent } = await startLinuxAgent(page.request);
  const victim = spawn("sleep", ["300"], { stdio: "ignore" });
  try {

    // The devices page was loaded before the agent existed: the row must appear without a reload.
    const row = page.getByRole("row").filter({ has: page.locator(`a[href="/devices/${agentId}"]`) });
    await expect(row).toContainText("Online", { timeout: 15_000 });

    await row.locator(`a[href="/devices/${agentId}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/devices/${agentId}$`));
    await expect(page.getByTestId("device-status")).toHaveText(/Online/);
    // The agent's hello reported its boot time and addresses: the overview shows uptime and where it is reached.
    await expect(page.getByText("Identity and network")).toBeVisible();
    await expect(page.getByText(/\d+ (d|h|min)/).first()).toBeVisible();

    await page.getByRole("navigation", { name: "Device sections" }).getByRole("link", { name: "Processes" }).click();
    await expect(page).toHaveURL(new RegExp(`/devices/${agentId}/processes$`));
    await page.getByRole("button", { name: "Refresh" }).click();
    const victimRow = page.locator(`[data-testid="process-row"][data-pid="${victim.pid}"]`);
    await expect(victimRow).toBeVisible({ timeout: 15_000 });
    await expect(victimRow).toContainText("sleep");

    const victimGone = new Promise((resolve) => victim.once("exit", resolve));
    await victimRow.getByRole("button", { name: "End process" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "End process" }).click();
    await victimGone;
    await expect(victimRow).toHaveCount(0, { timeout: 15_000 });

    stopProcessGroup(agent);
    await expect(page.getByTestId("device-status")).toHaveText(/Offline/, { timeout: 20_000 });

    await page.getByRole("button", { name: "Remove device" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove device" }).click();
    await expect(page).toHaveURL(/\/devices\?removed=.*&uninstall=offline$/);
    await expect(page.getByRole("status").filter({ hasText: "was removed" })).toContainText("it was offline, so its agent is still installed");
    await expect(page.locator(`a[href="/devices/${agentId}"]`)).toHaveCount(0);
    expect(((await (await page.request.get("/clients")).json()) as Client[]).some((c) => c.agentId === agentId)).toBe(false);
  } finally {
    stopProcessGroup(agent);
    victim.kill();
  }
});
