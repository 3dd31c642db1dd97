/**
 * Removing a device while its agent runs: the real Linux package, started with run-agent.sh, is
 * asked to uninstall itself before its key is revoked; run by hand, it deletes its credentials and
 * server.json and exits with 0 (the folder and the executable are the user's).
 */
import { readdir } from "node:fs/promises";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { E2E } from "../support/env";

type Client = { agentId: string; platform: string | null; status: string };

let api: APIRequestContext;

test.beforeAll(async () => {
  api = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  expect((await api.post("/auth/login", { data: E2E.admin })).status()).toBe(200);
});

test("a removed device's running agent uninstalls itself, then its key is revoked", async () => {
  const device = await startLinuxAgent(api);
  const agent = device.process;
  const exited = new Promise<number | null>((resolve) => agent.once("exit", (code) => resolve(code)));
  try {
    const { agentId } = device;

    const removal = await api.delete(`/api/agents/${agentId}`);
    expect(removal.status()).toBe(200);
    expect(await removal.json()).toEqual({ status: "deleted" });

    expect(await exited).toBe(0);
    expect((await readdir(device.dir)).sort()).toEqual(["agent.log", "rmm-agent", "run-agent.sh"]);
    expect(((await (await api.get("/clients")).json()) as Client[]).some((client) => client.agentId === agentId)).toBe(false);
  } finally {
    stopProcessGroup(agent);
  }
});
