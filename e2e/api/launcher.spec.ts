/**
 * `npm start`'s launcher as an operator experiences it: a crash (SIGKILL) leaves an orphaned
 * PostgreSQL and a stale postmaster.pid, and the next start recovers by itself; Ctrl-C (SIGINT)
 * stops everything, PostgreSQL included, even when pressed twice while agents are connected. Its data folder is private, and a TOTP secret an earlier
 * version kept in clear is sealed at the next start and still signs in.
 */
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, utimes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { generate } from "otplib";
import postgres from "postgres";
import { E2E } from "../support/env";
import { downloadAgentPackage, startLogged, stopProcessGroup } from "../support/agent-package";
import { isAlive, pressCtrlC, startLauncher as startOn } from "../support/launcher";

const PORT = E2E.port + 10;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const ADMIN = { username: "admin", password: "launcher-test-pw" };
const PLAIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

const startLauncher = (dataDir: string, options: { terminal?: boolean } = {}) =>
  startOn({ dataDir, port: PORT, env: { RMM_ADMIN_PASSWORD: ADMIN.password, PUBLIC_URL: BASE_URL }, ...options });
const postmasterPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
const residentMegabytes = async (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

/** What an earlier version left in the database: the admin's TOTP secret in clear. */
async function storeTotpSecretInClear(dataDir: string) {
  const port = readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[3];
  const password = readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim();
  const sql = postgres(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/rmm`, { max: 1, onnotice: () => {} });
  try {
    await sql`update users set totp_secret = ${PLAIN_TOTP_SECRET} where username = 'admin'`;
  } finally {
    await sql.end();
  }
}
test("recovers after a crash and stops cleanly on Ctrl-C", async () => {
  test.setTimeout(180_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rmm-launcher-"));
  try {
    const first = startLauncher(dataDir);
    await first.ready;
    for (const file of ["auth-secret", "postgres-password", "postgres.log"]) expect(await modeOf(path.join(dataDir, file)), file).toBe(0o600);
    expect(await modeOf(dataDir)).toBe(process.getuid?.() === 0 ? 0o711 : 0o700);
    const orphan = postmasterPid(dataDir);
    first.child.kill("SIGKILL");
    // The web and gateway processes notice their launcher is gone and stop; PostgreSQL stays, orphaned.
    await expect.poll(async () => fetch(`${BASE_URL}/sign-in`).then(() => "up", () => "down"), { timeout: 20_000 }).toBe("down");
    expect(isAlive(orphan)).toBe(true);
    await storeTotpSecretInClear(dataDir);

    const second = startLauncher(dataDir);
    await second.ready;
    expect(second.output()).toMatch(/orphaned PostgreSQL server/);
    expect(isAlive(orphan)).toBe(false);
    expect(second.output()).toMatch(/Encrypted 1 TOTP secret/);
    const signIn = async (totp: string) =>
      (await fetch(`${BASE_URL}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...ADMIN, totp }) })).status;
    expect(await signIn("")).toBe(401);
    expect(await signIn(await generate({ secret: PLAIN_TOTP_SECRET }))).toBe(200);

    const running = postmasterPid(dataDir);
    const exited = new Promise<number | null>((resolve) => second.child.once("exit", resolve));
    second.child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(isAlive(running)).toBe(false);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("Ctrl-C pressed again while the gateway drains its agents still stops PostgreSQL, and the launcher exits 0", async () => {
  test.setTimeout(180_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rmm-launcher-"));
  let agent: ChildProcess | undefined;
  let agentDir: string | undefined;
  let postgres: number | undefined;
  const launcher = startLauncher(dataDir, { terminal: true });
  try {
    await launcher.ready;
    const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
    expect((await api.post("/auth/login", { data: ADMIN })).status()).toBe(200);
    const pkg = await downloadAgentPackage(api, "linux");
    agentDir = pkg.dir;
    agent = await startLogged("./run-agent.sh", [], { cwd: pkg.dir, logName: "agent.log" });
    const online = async () => ((await (await api.get("/clients")).json()) as { status: string }[]).filter((client) => client.status === "online").length;
    await expect.poll(online, { timeout: 60_000, intervals: [500] }).toBe(1);
    await api.dispose();
    // The gateway says who came, from where, with which version.
    expect(launcher.output()).toMatch(/\[gateway\] agent \S+ ".+" connected from \S+, agent version \S+/);

    postgres = postmasterPid(dataDir);
    const exited = new Promise<number | null>((resolve) => launcher.child.once("exit", resolve));
    pressCtrlC(launcher);
    // Pressed again as soon as the launcher says it is stopping, while the services still drain.
    await expect.poll(() => launcher.output().includes("[start] stopping..."), { intervals: [10] }).toBe(true);
    pressCtrlC(launcher);
    expect(await exited).toBe(0);
    expect(isAlive(postgres)).toBe(false);
    expect(launcher.output()).toContain("SIGINT: already stopping (PostgreSQL last)");
    expect(launcher.output()).toContain("[start] stopped.");
  } finally {
    stopProcessGroup(agent);
    if (launcher.child.exitCode === null && launcher.child.signalCode === null) process.kill(-launcher.child.pid!, "SIGKILL");
    // What a launcher killed mid-stop leaves behind.
    if (postgres && isAlive(postgres)) process.kill(postgres, "SIGINT");
    if (agentDir) await rm(agentDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("the launcher stays small once started, even after building the agent", async () => {
  test.setTimeout(300_000);
  // Agent sources newer than its executables: this start builds them, as a fresh install's first start does.
  const agentSource = fileURLToPath(new URL("../../agent/src/version.ts", import.meta.url));
  const now = new Date();
  await utimes(agentSource, now, now);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rmm-launcher-"));
  const launcher = startLauncher(dataDir);
  try {
    await launcher.ready;
    expect(launcher.output()).toContain("[agent-build] injecting into linux-x64 node");
    // It holds PostgreSQL's and its children's handles, nothing more; the build read ~1 GB.
    expect(await residentMegabytes(launcher.child.pid!)).toBeLessThan(200);
    const exited = new Promise<number | null>((resolve) => launcher.child.once("exit", resolve));
    launcher.child.kill("SIGINT");
    expect(await exited).toBe(0);
  } finally {
    if (launcher.child.exitCode === null && launcher.child.signalCode === null) launcher.child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  }
});
