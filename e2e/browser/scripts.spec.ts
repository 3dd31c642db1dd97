/**
 * The Scripts page in Chromium with a real Linux agent: an admin adds a bash script with the
 * form, runs it on the device with an argument, and sees the device's exit code and output;
 * the run is listed under the script's latest runs. Four eyes: a version another admin wrote is
 * listed as pending, its author sees no Approve button, a second admin approves it.
 */
import { expect, test } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { adminApi, seedUser, signIn, signInWithForm } from "../support/sign-in";


test("an admin creates a script and runs it on a device, seeing its exit code and output", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page);
  const device = await startLinuxAgent(page.request);
  const agent = device.process;
  try {

    await page.getByRole("navigation").getByRole("link", { name: "Scripts" }).click();
    await expect(page).toHaveURL(/\/automation\/scripts$/);
    const name = `greet-${Date.now().toString(36)}`;
    const form = page.getByRole("form", { name: "New script" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Description").fill("Says hello");
    await form.getByLabel("Language").selectOption("bash");
    await form.getByLabel("Content").fill('echo "hello $1"\nexit 3');
    await form.getByRole("button", { name: "Add script" }).click();
    await expect(page).toHaveURL(/\/automation\/scripts\/\d+$/);
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByTestId("version-1")).toContainText("admin");

    const run = page.getByRole("form", { name: "Run script" });
    await run.locator(`input[name="agentIds"][value="${device.agentId}"]`).check();
    await run.getByLabel("Arguments").fill("big world");
    await run.getByRole("button", { name: "Run on selected devices" }).click();
    const result = page.getByTestId("run-result");
    await expect(result).toContainText("exit code 3", { timeout: 30_000 });
    await expect(result).toContainText("hello big world");
    await expect(result).toContainText("failed");
    await expect(page.getByTestId("script-run").first()).toContainText("(exit 3)");
    await page.screenshot({ path: testInfo.outputPath("script-page.png"), fullPage: true });

    await page.getByRole("navigation").getByRole("link", { name: "Scripts" }).click();
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText("bash");
    await page.screenshot({ path: testInfo.outputPath("scripts-list.png"), fullPage: true });
  } finally {
    stopProcessGroup(agent);
  }
});

test("a version awaiting approval is listed as pending; a second admin approves it", async ({ page }, testInfo) => {
  const api = await adminApi();
  const name = `audit-${Date.now().toString(36)}`;
  const created = await api.post("/scripts", { data: { name, language: "bash", content: "echo audited", requiresApproval: true } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };

  // The author (the first admin) is told to wait for someone else.
  await signIn(page);
  await page.goto("/automation/scripts");
  await expect(page.getByTestId("pending-approvals")).toContainText(name);
  await page.getByTestId("pending-approvals").getByRole("link", { name }).click();
  await expect(page.getByTestId("version-1")).toContainText("awaiting another admin");
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(page.getByText("This version awaits approval")).toBeVisible();

  const second = await seedUser(api, "bea", "admin");
  await page.context().clearCookies();
  await signInWithForm(page, second.username, second.password);
  await page.goto(`/automation/scripts/${id}`);
  await page.getByTestId("version-1").getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("version-1")).toContainText(`approved by ${second.username}`);
  await expect(page.getByRole("button", { name: "Run on selected devices" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("approved.png"), fullPage: true });
  await page.goto("/automation/scripts");
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("approved");
});
