/**
 * Scripts on a real Linux agent: a bash and a python3 script from the library run through
 * Tactical RMM's `runscript` with `output: "wait"`, answering the script's own stdout and exit
 * code with the arguments passed as data; a version awaiting four-eyes approval is refused.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { adminApi } from "../support/sign-in";
import { E2E } from "../support/env";


let admin: APIRequestContext;
let anonymous: APIRequestContext;
let key = "";
let agentId = "";
let agentProcess: ChildProcess | undefined;
const stamp = Date.now().toString(36);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  admin = await adminApi();
  anonymous = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  const created = await admin.post("/api/trpc/apiKeys.create", { data: { name: `e2e scripts ${stamp}`, role: "admin" } });
  key = ((await created.json()).result.data as { key: string }).key;
  const agent = await startLinuxAgent(admin);
  agentProcess = agent.process;
  agentId = agent.agentId;
});
test.afterAll(() => {
  if (agentProcess) stopProcessGroup(agentProcess);
});

async function createScript(body: Record<string, unknown>): Promise<number> {
  const response = await admin.post("/scripts", { data: body });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

const runscript = (body: Record<string, unknown>) => anonymous.post(`/api/v3/agents/${agentId}/runscript/`, { headers: { "x-api-key": key }, data: body });

test("runscript with output wait returns a bash script's stdout and exit code, arguments passed as data", async () => {
  const id = await createScript({ name: `e2e-bash-${stamp}`, language: "bash", content: 'echo "host=$(hostname)"; printf "[%s]\\n" "$@"; exit 7' });
  const response = await runscript({ script: id, output: "wait", args: ["two words", "$(id)"], timeout: 60 });
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ retcode: 7, stderr: "", execution_time: expect.stringMatching(/^\d+\.\d\d$/) });
  expect(body.stdout).toMatch(/^host=\S+\n\[two words\]\n\[\$\(id\)\]\n$/);
});

test("runscript runs a python3 script", async () => {
  test.skip(!existsSync("/usr/bin/python3") && !existsSync("/usr/local/bin/python3"), "no python3 on this machine");
  const id = await createScript({ name: `e2e-python-${stamp}`, language: "python", content: "import sys\nprint('sum', sum(int(a) for a in sys.argv[1:]))\n" });
  const response = await runscript({ script: id, output: "wait", args: ["2", "40"], timeout: 60 });
  expect(await response.json()).toMatchObject({ retcode: 0, stdout: "sum 42\n" });
});

test("a version awaiting four-eyes approval is refused with 409", async () => {
  const id = await createScript({ name: `e2e-approval-${stamp}`, language: "bash", content: "echo never", requiresApproval: true });
  const response = await runscript({ script: id, output: "wait", args: [] });
  expect(response.status()).toBe(409);
  expect((await response.json()).detail).toMatch(/not been approved/);
});
