/**
 * What the real Linux agent reports of this machine through specification 000's paths: its
 * services, its event log and its crash history. The test machine runs neither systemd nor
 * journald, so these come from the fallbacks: the SysV init scripts in /etc/init.d and the kernel
 * ring buffer. On a machine with systemd and a journal the fallback checks are skipped.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signedInWithAgent } from "../support/linux-agent";

type Service = { name: string; displayName?: string; status: string; startType?: string };
type Entry = { id: string; log: string; level: string; source: string; message: string; at: string };

const systemdRuns = existsSync("/run/systemd/system");
const journalRuns = existsSync("/run/systemd/journal/socket");
const isRoot = process.getuid?.() === 0;

const session = signedInWithAgent();

async function services(): Promise<Service[]> {
  const response = await session.api.get(`/agent/${session.agentId}/services`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { services: Service[] }).services;
}

/** The script's own answer, asked without the product: LSB exit code 0 is running. */
function scriptSaysRunning(name: string): Promise<boolean> {
  return new Promise((resolve) => execFile(`/etc/init.d/${name}`, ["status"], { timeout: 10_000 }, (error) => resolve(!error)));
}

function runScript(name: string, action: "start" | "stop"): Promise<void> {
  return new Promise((resolve, reject) => execFile(`/etc/init.d/${name}`, [action], { timeout: 60_000 }, (error) => (error ? reject(error) : resolve())));
}

test("the services list shows this machine's init scripts where systemd is not running", async () => {
  test.skip(systemdRuns, "systemd is the running init here");
  test.skip(!existsSync("/etc/init.d"), "this machine has no /etc/init.d");
  const listed = await services();
  expect(listed.length).toBeGreaterThan(0);
  for (const service of listed) expect(existsSync(`/etc/init.d/${service.name}`), service.name).toBe(true);
  for (const name of ["dbus", "ssh"].filter((script) => existsSync(`/etc/init.d/${script}`))) {
    expect(listed).toContainEqual(expect.objectContaining({ name, displayName: expect.any(String), status: expect.stringMatching(/^(running|stopped|unknown)$/), startType: expect.stringMatching(/^(enabled|disabled)$/) }));
  }
  const dbus = listed.find((service) => service.name === "dbus");
  if (dbus) expect(dbus.status).toBe((await scriptSaysRunning("dbus")) ? "running" : "stopped");
});

test("dbus is started and stopped through the service action path, and left as it was", async () => {
  test.setTimeout(120_000);
  test.skip(systemdRuns, "systemd is the running init here");
  test.skip(!existsSync("/etc/init.d/dbus"), "this machine has no /etc/init.d/dbus");
  test.skip(!isRoot, "starting dbus needs root");
  const wasRunning = await scriptSaysRunning("dbus");
  // Each action in the order that ends where it began: stop then start when it ran, else start then stop.
  const actions = wasRunning ? (["stop", "start"] as const) : (["start", "stop"] as const);
  try {
    for (const action of actions) {
      const response = await session.api.post(`/agent/${session.agentId}/service/dbus/action`, { data: { action } });
      expect(response.status()).toBe(200);
      const expected = action === "start" ? "running" : "stopped";
      expect(await response.json()).toEqual({ serviceName: "dbus", action, status: expected });
      expect(await scriptSaysRunning("dbus")).toBe(action === "start");
      expect((await services()).find((service) => service.name === "dbus")?.status).toBe(expected);
    }
    const unknown = await session.api.post(`/agent/${session.agentId}/service/no-such-script/action`, { data: { action: "start" } });
    expect(unknown.status()).toBe(404);
  } finally {
    if ((await scriptSaysRunning("dbus")) !== wasRunning) await runScript("dbus", wasRunning ? "start" : "stop");
  }
});

test("event log entries and counts come from the kernel ring buffer where there is no journal", async () => {
  test.skip(journalRuns, "this machine has a systemd journal");
  const response = await session.api.get(`/system-health/${session.agentId}/entries?level=information&limit=20`);
  expect(response.status()).toBe(200);
  const { entries } = (await response.json()) as { entries: Entry[] };
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) expect(entry).toMatchObject({ log: "kernel", level: "information", source: "kernel", message: expect.any(String) });
  // Newest first, and none after now.
  const times = entries.map((entry) => Date.parse(entry.at));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  expect(Math.max(...times)).toBeLessThanOrEqual(Date.now() + 1_000);

  const health = await session.api.get(`/system-health/agent/${session.agentId}`);
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ live: true, stats: { logs: [{ log: "kernel", critical: expect.any(Number), information: expect.any(Number) }] } });
});

test("the crash history is read from the kernel ring buffer where there is no journal", async () => {
  test.skip(journalRuns, "this machine has a systemd journal");
  expect((await session.api.post(`/bsod/${session.agentId}/refresh`)).status()).toBe(202);
  await expect
    .poll(async () => ((await (await session.api.get(`/bsod/${session.agentId}/data`)).json()) as { summary: unknown }).summary, { timeout: 30_000, intervals: [500] })
    .toMatchObject({ crashes: expect.any(Array), collectedAt: expect.any(String) });
});
