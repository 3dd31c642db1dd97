/**
 * The scheduler page in Chromium with a real Linux agent: an operator-level user schedules a bash
 * script every minute with the form (the preview shows the next three runs), the task is listed
 * with its next run, and within about a minute and a quarter its run, with the script's output,
 * appears in the task's history; Tactical RMM's `/api/v3/tasks/` lists the same task.
 */
import { expect, test } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { adminApi, signIn } from "../support/sign-in";


test("a task every minute runs the script on the device and its run appears in the history", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const api = await adminApi();
  const stamp = Date.now().toString(36);
  const scriptName = `tick-${stamp}`;
  expect((await api.post("/scripts", { data: { name: scriptName, language: "bash", content: 'echo "tick from $(hostname)"' } })).status()).toBe(201);

  await signIn(page);
  const device = await startLinuxAgent(page.request);
  const agent = device.process;
  try {

    await page.getByRole("navigation").getByRole("link", { name: "Scheduled tasks" }).click();
    await expect(page).toHaveURL(/\/automation\/tasks$/);
    const form = page.getByRole("form", { name: "New scheduled task" });
    const taskName = `every minute ${stamp}`;
    await form.getByLabel("Name").fill(taskName);
    await form.getByLabel("Device").selectOption(device.agentId);
    await form.getByLabel("Script").selectOption({ label: scriptName });
    await form.getByLabel("Schedule (cron, UTC)").fill("61 * * * *");
    await expect(page.getByTestId("schedule-preview")).toContainText("not a valid cron expression");
    await form.getByLabel("Schedule (cron, UTC)").fill("* * * * *");
    await expect(page.getByTestId("schedule-preview").getByRole("listitem")).toHaveCount(3);
    await page.screenshot({ path: testInfo.outputPath("tasks-form.png"), fullPage: true });
    await form.getByRole("button", { name: "Schedule task" }).click();

    const row = page.getByRole("row").filter({ hasText: taskName });
    await expect(row).toContainText(scriptName);
    await expect(row).toContainText(/in \d+ s|just now|in 1 min/);
    await expect(row.getByRole("button", { name: `Disable ${taskName}` })).toBeVisible();

    await row.getByRole("link", { name: taskName }).click();
    await expect(page).toHaveURL(/\/automation\/tasks\/\d+$/);
    const run = page.getByTestId("task-run").first();
    await expect(async () => {
      await page.reload();
      await expect(run).toContainText("succeeded", { timeout: 1_000 });
    }).toPass({ timeout: 90_000, intervals: [3_000] });
    await expect(run).toContainText("exit 0");
    await run.locator("summary").click();
    await expect(run).toContainText("tick from");
    await page.screenshot({ path: testInfo.outputPath("task-history.png"), fullPage: true });

    const created = await api.post("/api/trpc/apiKeys.create", { data: { name: `e2e tasks ${stamp}`, role: "viewer" } });
    const key = ((await created.json()).result.data as { key: string }).key;
    const listed = (await (await page.request.get("/api/v3/tasks/", { headers: { "x-api-key": key } })).json()) as { name: string; schedule: string; last_status: string | null; agent: string }[];
    expect(listed.find((task) => task.name === taskName)).toMatchObject({ schedule: "* * * * *", agent: device.agentId, last_status: "succeeded" });

    await page.goto("/automation/tasks");
    await expect(page.getByRole("row").filter({ hasText: taskName })).toContainText("succeeded");
    await page.screenshot({ path: testInfo.outputPath("tasks-list.png"), fullPage: true });
  } finally {
    stopProcessGroup(agent);
  }
});
