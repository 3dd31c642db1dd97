/**
 * `npm start`'s launcher as an operator experiences it: a crash (SIGKILL) leaves an orphaned
 * PostgreSQL and a stale postmaster.pid, and the next start recovers by itself; Ctrl-C (SIGINT)
 * stops everything, PostgreSQL included.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { isAlive, startLauncher as startOn } from "../support/launcher";

const PORT = 39320;
const startLauncher = (dataDir: string) => startOn({ dataDir, port: PORT, env: { RMM_ADMIN_PASSWORD: "launcher-test-pw" } });
const postmasterPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);

test("recovers after a crash and stops cleanly on Ctrl-C", async () => {
  test.setTimeout(180_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rmm-launcher-"));
  try {
    const first = startLauncher(dataDir);
    await first.ready;
    const orphan = postmasterPid(dataDir);
    first.child.kill("SIGKILL");
    // The web and gateway processes notice their launcher is gone and stop; PostgreSQL stays, orphaned.
    await expect.poll(async () => fetch(`http://127.0.0.1:${PORT}/sign-in`).then(() => "up", () => "down"), { timeout: 20_000 }).toBe("down");
    expect(isAlive(orphan)).toBe(true);

    const second = startLauncher(dataDir);
    await second.ready;
    expect(second.output()).toMatch(/orphaned PostgreSQL server/);
    expect(isAlive(orphan)).toBe(false);
    const login = await fetch(`http://127.0.0.1:${PORT}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: "launcher-test-pw" }) });
    expect(login.status).toBe(200);

    const running = postmasterPid(dataDir);
    const exited = new Promise<number | null>((resolve) => second.child.once("exit", resolve));
    second.child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(isAlive(running)).toBe(false);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
