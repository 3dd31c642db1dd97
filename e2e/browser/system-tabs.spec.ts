/**
 * The device page's Services and Events tabs in Chromium with a real Linux agent, showing this
 * machine's own data. The test machine runs neither systemd nor journald, so the services are its
 * /etc/init.d scripts and the event log is the kernel ring buffer; dbus is started from the table
 * and stopped again through the confirmation, and left as it was found.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { signIn } from "../support/sign-in";

const DBUS = "/etc/init.d/dbus";
const withInitScripts = !existsSync("/run/systemd/system") && existsSync(DBUS) && process.getuid?.() === 0;

/** The init script's own answer: exit 0 is running. */
function dbusRunning(): Promise<boolean> {
  return new Promise((resolve) => execFile(DBUS, ["status"], (error) => resolve(!error)));
}
function runDbus(action: "start" | "stop"): Promise<void> {
  return new Promise((resolve, reject) => execFile(DBUS, [action], (error) => (error ? reject(error) : resolve())));
}

async function openTab(page: Page, agentId: string, name: string) {
  await page.goto(`/devices/${encodeURIComponent(agentId)}`);
  await page.getByRole("navigation", { name: "Device sections" }).getByRole("link", { name }).click();
}

test("the Services tab lists this machine's services, filters them, and starts and stops one", async ({ page }, testInfo) => {
  test.skip(!withInitScripts, "needs /etc/init.d/dbus, root, and no systemd");
  test.setTimeout(150_000);
  await signIn(page);
  const { agentId, process: agent } = await startLinuxAgent(page.request);
  const wasRunning = await dbusRunning();
  try {
    if (wasRunning) await runDbus("stop");
    await openTab(page, agentId, "Services");
    const dbus = page.locator('[data-testid="service-row"][data-service="dbus"]');
    await expect(dbus).toContainText("stopped", { timeout: 20_000 });
    await expect(page.locator('[data-testid="service-row"][data-service="ssh"]')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("services.png"), fullPage: true });

    await page.getByLabel("Search services").fill("dbus");
    await expect(page.getByTestId("service-row")).toHaveCount(1);

    // Starting interrupts nobody: no confirmation.
    await dbus.getByRole("button", { name: "Start" }).click();
    await expect(page.getByText(/Started dbus on .*; it is now running\./)).toBeVisible({ timeout: 30_000 });
    await expect(dbus).toContainText("running");
    expect(await dbusRunning()).toBe(true);

    // Stopping does: the dialog names the service, and only its confirmation stops it.
    await dbus.getByRole("button", { name: "Stop" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("Stop dbus on");
    await dialog.getByRole("button", { name: "Stop service" }).click();
    await expect(page.getByText(/Stopped dbus on .*; it is now stopped\./)).toBeVisible({ timeout: 30_000 });
    await expect(dbus).toContainText("stopped");
    expect(await dbusRunning()).toBe(false);
  } finally {
    if (wasRunning !== (await dbusRunning())) await runDbus(wasRunning ? "start" : "stop");
    stopProcessGroup(agent);
  }
});

test("the Events tab shows the kernel's entries by level", async ({ page }, testInfo) => {
  test.skip(existsSync("/run/systemd/journal/socket"), "this machine has a journal; the kernel fallback does not apply");
  test.setTimeout(120_000);
  await signIn(page);
  const { agentId, process: agent } = await startLinuxAgent(page.request);
  try {
    await openTab(page, agentId, "Events");
    await expect(page.getByTestId("event-counts")).toContainText("Last 24 h:", { timeout: 20_000 });
    await page.getByRole("group", { name: "Level" }).getByRole("button", { name: "Info", exact: true }).click();
    const rows = page.locator('[data-testid="event-row"][data-level="information"]');
    await expect(rows.first()).toBeVisible({ timeout: 20_000 });
    await expect(rows.first()).toContainText("kernel");
    await page.screenshot({ path: testInfo.outputPath("events.png"), fullPage: true });
  } finally {
    stopProcessGroup(agent);
  }
});
