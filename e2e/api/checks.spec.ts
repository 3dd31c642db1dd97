/**
 * Checks and remediation on a real Linux agent: a disk-space check that cannot pass (99 % free
 * wanted) fails within a check round, raises a `check` alert, and runs its alert profile's
 * remediation script on the agent, which shows as a succeeded script run by `system:remediation`.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { stopProcessGroup } from "../support/agent-package";
import { E2E } from "../support/env";
import { startLinuxAgent } from "../support/linux-agent";
import { adminApi } from "../support/sign-in";

let admin: APIRequestContext;
let anonymous: APIRequestContext;
let key = "";
let agentId = "";
let agentProcess: ChildProcess | undefined;
let checkId = 0;
const stamp = Date.now().toString(36);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  admin = await adminApi();
  anonymous = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  const created = await admin.post("/api/trpc/apiKeys.create", { data: { name: `e2e checks ${stamp}`, role: "operator" } });
  key = ((await created.json()).result.data as { key: string }).key;
  ({ agentId, process: agentProcess } = await startLinuxAgent(admin));
});
test.afterAll(async () => {
  // The check would keep its alert open for the specs that follow.
  if (checkId) await anonymous.delete(`/api/v3/checks/${checkId}/`, { headers: { "x-api-key": key } });
  if (agentProcess) stopProcessGroup(agentProcess);
});

const v3 = (path: string) => anonymous.get(`/api/v3${path}`, { headers: { "x-api-key": key } });

test("a failing disk-space check raises an alert and runs the remediation script on the agent", async () => {
  test.setTimeout(240_000);
  const scriptName = `e2e-remediate-${stamp}`;
  const script = await admin.post("/scripts", { data: { name: scriptName, language: "bash", content: 'echo "remediated on $(hostname)"' } });
  expect(script.status()).toBe(201);
  const scriptId = ((await script.json()) as { id: number }).id;
  const profile = await admin.post("/alert-profiles", { data: { name: `e2e remediation ${stamp}`, remediationScript: scriptName } });
  expect(profile.status()).toBe(201);
  const alertProfileId = ((await profile.json()) as { id: string }).id;

  const check = await anonymous.post("/api/v3/checks/", { headers: { "x-api-key": key }, data: { agent: agentId, check_type: "diskspace", name: "Impossible", threshold: 99, alert_profile: alertProfileId } });
  expect(check.status()).toBe(201);
  checkId = ((await check.json()) as { id: number }).id;

  // Checks run once a minute; the agent's first metrics arrive within seconds.
  await expect
    .poll(async () => ((await (await v3(`/checks/?agent=${agentId}`)).json()) as { id: number; status: string }[]).find((entry) => entry.id === checkId)?.status, { timeout: 150_000, intervals: [2_000] })
    .toBe("failing");
  const [listed] = ((await (await v3(`/checks/?agent=${agentId}`)).json()) as Record<string, unknown>[]).filter((entry) => entry.id === checkId);
  expect(listed).toMatchObject({ check_type: "diskspace", name: "Impossible", more_info: expect.stringMatching(/% used .*threshold 99% free/), last_run: expect.any(String) });

  const alerts = (await (await v3(`/alerts/?agent=${agentId}`)).json()) as Record<string, unknown>[];
  expect(alerts).toContainEqual(expect.objectContaining({ alert_type: "check", agent: agentId, message: expect.stringMatching(/^Check "Impossible" \(diskspace\) failing/) }));

  const runs = async () => {
    const response = await admin.get(`/api/trpc/scripts.get?input=${encodeURIComponent(JSON.stringify({ scriptId }))}`);
    return ((await response.json()).result.data as { runs: { agentId: string; requestedBy: string; status: string; exitCode: number | null; stdout: string | null }[] }).runs;
  };
  await expect.poll(async () => (await runs()).find((run) => run.agentId === agentId)?.status, { timeout: 60_000, intervals: [1_000] }).toBe("succeeded");
  expect((await runs()).find((run) => run.agentId === agentId)).toMatchObject({ requestedBy: "system:remediation", exitCode: 0, stdout: expect.stringMatching(/^remediated on /) });

  const history = (await (await admin.get(`/monitoring/events/history?agentId=${agentId}&limit=200`)).json()) as { eventName: string; payload: Record<string, unknown> }[];
  expect(history).toContainEqual(expect.objectContaining({ eventName: "remediation-request", payload: expect.objectContaining({ scriptName }) }));
  expect(history).toContainEqual(expect.objectContaining({ eventName: "remediation-result", payload: expect.objectContaining({ scriptName, status: "succeeded" }) }));
});
