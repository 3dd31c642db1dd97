/**
 * The Files tab in Chromium with a real Linux agent: browse from the roots down to a folder by
 * clicking, upload a file with the picker (progress bar to done), confirm replacing it, and
 * download it again byte-identical.
 */
import type { ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { signIn } from "../support/sign-in";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

let agent: { agentId: string; process: ChildProcess } | undefined;
let dir = "";
test.afterAll(async () => {
  stopProcessGroup(agent?.process);
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("the file browser navigates, uploads with progress, confirms a replacement and downloads", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await signIn(page);
  agent = await startLinuxAgent(page.request);
  dir = await mkdtemp(path.join(os.tmpdir(), "rmm-e2e-browser-files-"));

  await page.goto(`/devices/${agent.agentId}`);
  await page.getByRole("navigation", { name: "Device sections" }).getByRole("link", { name: "Files" }).click();
  await expect(page).toHaveURL(new RegExp(`/devices/${agent.agentId}/files$`));

  // From the roots down to the test's folder, clicking folders as a person would.
  const rows = page.getByTestId("file-row");
  await rows.filter({ hasText: "/" }).getByRole("button", { name: "/" }).click();
  for (const part of dir.split("/").filter(Boolean)) {
    await page.getByTestId("file-row").and(page.locator(`[data-name="${part}"]`)).getByRole("button", { name: part }).click();
  }
  const folder = page.getByRole("navigation", { name: "Folder" });
  await expect(folder.locator("[aria-current=location]")).toHaveText(path.basename(dir));

  const data = randomBytes(3 * 1024 * 1024 + 123);
  await page.getByLabel("Files to upload").setInputFiles({ name: "browser-upload.bin", mimeType: "application/octet-stream", buffer: data });
  const upload = page.getByTestId("transfer").filter({ hasText: "Upload browser-upload.bin" }).first();
  await expect(upload).toHaveAttribute("data-state", "done", { timeout: 60_000 });
  await expect(upload.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(page.locator('[data-testid="file-row"][data-name="browser-upload.bin"]')).toContainText("3.0 MB");
  expect(sha256(await readFile(path.join(dir, "browser-upload.bin")))).toBe(sha256(data));

  // The same name again: the browser asks before replacing it.
  const replacement = randomBytes(200_000);
  await page.getByLabel("Files to upload").setInputFiles({ name: "browser-upload.bin", mimeType: "application/octet-stream", buffer: replacement });
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Replace browser-upload.bin");
  await dialog.getByRole("button", { name: "Replace file" }).click();
  await expect(page.getByTestId("transfer").first()).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await expect.poll(async () => sha256(await readFile(path.join(dir, "browser-upload.bin")))).toBe(sha256(replacement));

  const row = page.locator('[data-testid="file-row"][data-name="browser-upload.bin"]');
  await expect(row).toContainText("195 KB");
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("button", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe("browser-upload.bin");
  expect(sha256(await readFile((await download.path())!))).toBe(sha256(replacement));
  const downloaded = page.getByTestId("transfer").filter({ hasText: "Download browser-upload.bin" });
  await expect(downloaded).toHaveAttribute("data-state", "done");
  await expect(downloaded).toContainText("195 KB of 195 KB");

  await page.screenshot({ path: testInfo.outputPath("files-tab.png"), fullPage: true });
  await page.screenshot({ path: path.join(os.tmpdir(), "rmm-files-tab.png"), fullPage: true });
});
