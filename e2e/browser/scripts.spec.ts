/**
 * The Scripts page in Chromium with a real Linux agent: an admin adds a bash script with the
 * form, runs it on the device with an argument, and sees the device's exit code and output;
 * the run is listed under the script's latest runs.
 */
import { expect, test } from "@playwright/test";
import { downloadAgentPackage, startLogged, stopProcessGroup } from "../support/agent-package";
import { signIn } from "../support/sign-in";

type Client = { agentId: string; name: string; status: string };

test("an admin creates a script and runs it on a device, seeing its exit code and output", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page);
  const known = new Set(((await (await page.request.get("/clients")).json()) as Client[]).map((c) => c.agentId));
  const pkg = await downloadAgentPackage(page.request, "linux");
  const agent = await startLogged("./run-agent.sh", [], { cwd: pkg.dir, logName: "agent.log" });
  try {
    let device: Client | undefined;
    await expect
      .poll(async () => {
        device = ((await (await page.request.get("/clients")).json()) as Client[]).find((c) => !known.has(c.agentId) && c.status === "online");
        return Boolean(device);
      }, { timeout: 60_000 })
      .toBe(true);

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
    await run.locator(`input[name="agentIds"][value="${device!.agentId}"]`).check();
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
