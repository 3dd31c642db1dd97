/**
 * The device page's Terminal tab in Chromium with the real Linux agent: the shell opens, `uname -a`
 * typed into xterm.js runs on this machine and its answer is shown; the audit log links the
 * session's transcript. Viewers are told why they have no terminal.
 */
import os from "node:os";
import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { adminApi, seedUser, signIn, signInWithForm } from "../support/sign-in";
import { startLinuxAgent } from "../support/linux-agent";

let agent: { agentId: string; process: ChildProcess } | undefined;
test.afterAll(() => stopProcessGroup(agent?.process));

test("the terminal tab runs uname -a on the device and shows the answer", async ({ page }) => {
  test.setTimeout(120_000);
  agent = await startLinuxAgent(await adminApi());
  await signIn(page);
  await page.goto(`/devices/${agent.agentId}`);
  await page.getByRole("navigation", { name: "Device sections" }).getByRole("link", { name: "Terminal" }).click();
  await expect(page).toHaveURL(new RegExp(`/devices/${agent.agentId}/terminal$`));
  await expect(page.getByTestId("terminal-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
  await expect(page.getByText("(pty via script)")).toBeVisible({ timeout: 20_000 });

  const screen = page.getByTestId("terminal").locator(".xterm-rows");
  // The prompt came: the shell is ready for keys.
  await expect(screen).toContainText(/[#$]/, { timeout: 20_000 });
  await page.getByTestId("terminal").click();
  await page.keyboard.type("uname -a");
  await page.keyboard.press("Enter");
  await expect(screen).toContainText(`Linux ${os.hostname()}`, { timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath("terminal.png") });

  await page.keyboard.type("exit");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("terminal-status")).toHaveAttribute("data-state", "ended", { timeout: 20_000 });
  await expect(page.getByRole("button", { name: "New session" })).toBeVisible();

  await page.goto("/settings/audit");
  await page.getByRole("link", { name: "Transcript" }).first().click();
  await expect(page.getByRole("heading", { name: "Shell transcript" })).toBeVisible();
  await expect(page.getByTestId("transcript-output")).toContainText(`Linux ${os.hostname()}`);
  await page.screenshot({ path: test.info().outputPath("transcript.png"), fullPage: true });
});

test("a viewer is told the terminal needs the operator role", async ({ browser }) => {
  test.skip(!agent, "needs the agent of the previous test");
  const viewer = await seedUser(await adminApi(), "termview", "viewer");
  const page = await (await browser.newContext()).newPage();
  await signInWithForm(page, viewer.username, viewer.password);
  await page.goto(`/devices/${agent!.agentId}/terminal`);
  await expect(page.getByRole("heading", { name: "The terminal needs the operator role" })).toBeVisible();
  await expect(page.getByTestId("terminal")).toHaveCount(0);
});
