/** A real Linux agent from the product's own package, run on this machine until the spec stops it. */
import type { ChildProcess } from "node:child_process";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { downloadAgentPackage, startLogged, stopProcessGroup } from "./agent-package";
import { E2E } from "./env";

type Listed = { agentId: string; name: string; status: string; platform: string | null };

export type RunningAgent = { agentId: string; name: string; dir: string; process: ChildProcess };

/**
 * Downloads the Linux package, runs `run-agent.sh` from it, and waits until a device that was not
 * listed before is online: that one is this agent, whatever other specs have enrolled meanwhile.
 * If it never comes online the agent is stopped before the failure is reported.
 */
export async function startLinuxAgent(api: APIRequestContext, logName = "agent.log"): Promise<RunningAgent> {
  const listed = async () => (await (await api.get("/clients")).json()) as Listed[];
  const known = new Set((await listed()).map((agent) => agent.agentId));
  const pkg = await downloadAgentPackage(api, "linux");
  const child = await startLogged("./run-agent.sh", [], { cwd: pkg.dir, logName });
  let found: Listed | undefined;
  try {
    await expect
      .poll(
        async () => {
          found = (await listed()).find((agent) => !known.has(agent.agentId) && agent.platform === "linux" && agent.status === "online");
          return found?.agentId ?? "";
        },
        { timeout: 60_000, intervals: [500] },
      )
      .not.toBe("");
  } catch (error) {
    stopProcessGroup(child);
    throw error;
  }
  return { agentId: found!.agentId, name: found!.name, dir: pkg.dir, process: child };
}

/**
 * For a spec that works with one agent throughout: signs in as the admin and starts a Linux agent
 * before its tests, and stops the agent after them. The fields are set once `beforeAll` has run.
 */
export function signedInWithAgent(): { api: APIRequestContext; agentId: string } {
  const session = {} as { api: APIRequestContext; agentId: string };
  let agent: RunningAgent | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    session.api = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
    expect((await session.api.post("/auth/login", { data: E2E.admin })).status()).toBe(200);
    agent = await startLinuxAgent(session.api);
    session.agentId = agent.agentId;
  });
  test.afterAll(() => {
    if (agent) stopProcessGroup(agent.process);
  });
  return session;
}
