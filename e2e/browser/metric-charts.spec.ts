/**
 * The device page's metric history with a real Linux agent: once its first samples are stored, the
 * overview charts CPU, memory, disk and network, and a monitoring profile's CPU threshold is drawn
 * on the CPU chart as a dashed line in its severity's colour (checked on the canvas's pixels).
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { signIn } from "../support/sign-in";


async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: input, headers: { "content-type": "application/json" } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

test("the device overview charts the agent's metrics with its CPU threshold drawn in", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const { agentId, process: agent } = await startLinuxAgent(page.request, "metric-charts-agent.log");
  let profileId = "";
  try {

    // On a busy machine this rule may raise an alert; deleting the profile at the end closes it (other specs count alerts).
    const name = `Charts e2e ${Date.now().toString(36)}`;
    ({ id: profileId } = await trpcMutation<{ id: string }>(page.request, "monitoring.createProfile", { name, rules: [{ metric: "cpu", threshold: 90, windowSeconds: 3600, severity: "warning" }] }));
    await trpcMutation(page.request, "monitoring.assignProfile", { id: profileId, targetType: "agent", targetId: agentId });

    await page.goto(`/devices/${agentId}`);
    const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History", exact: true }) });
    const cpu = page.getByRole("figure", { name: "CPU chart" });
    // The agent reports every 15 s and the gateway stores samples every 5 s: reload until they are there.
    await expect(async () => {
      await page.reload();
      await expect(cpu.locator("canvas")).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000, intervals: [3_000] });
    for (const chart of ["Memory chart", "Disk (all local disks) chart", "Network chart"]) await expect(page.getByRole("figure", { name: chart })).toBeVisible();
    await expect(page.getByRole("list", { name: "CPU thresholds" })).toHaveText(`Threshold ${name}: ≥ 90% (warning)`);

    // The dashed line is drawn on the canvas in the warning colour (amber, #d97706).
    const amberPixels = await cpu.locator("canvas").evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let index = 0; index < data.length; index += 4) {
        if (Math.abs(data[index]! - 0xd9) < 12 && Math.abs(data[index + 1]! - 0x77) < 12 && Math.abs(data[index + 2]! - 0x06) < 12) count += 1;
      }
      return count;
    });
    expect(amberPixels).toBeGreaterThan(100);

    await page.screenshot({ path: test.info().outputPath("metric-charts.png"), fullPage: true });

    await history.getByRole("button", { name: "6h" }).click();
    await expect(history.getByRole("button", { name: "6h" })).toHaveAttribute("aria-pressed", "true");
    await expect(history.getByRole("button", { name: "1h" })).toHaveAttribute("aria-pressed", "false");
    await expect(cpu.locator("canvas")).toBeVisible();
  } finally {
    stopProcessGroup(agent);
    if (profileId) await trpcMutation(page.request, "monitoring.deleteProfile", { id: profileId });
  }
});
