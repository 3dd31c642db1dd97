/**
 * `npm start`'s launcher as an operator experiences it: a crash (SIGKILL) leaves an orphaned
 * PostgreSQL and a stale postmaster.pid, and the next start recovers by itself; Ctrl-C (SIGINT)
 * stops everything, PostgreSQL included. Its data folder is private, and a TOTP secret an earlier
 * version kept in clear is sealed at the next start and still signs in.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { generate } from "otplib";
import postgres from "postgres";
import { E2E } from "../support/env";
import { isAlive, startLauncher as startOn } from "../support/launcher";

const PORT = E2E.port + 10;
const PLAIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

const startLauncher = (dataDir: string) => startOn({ dataDir, port: PORT, env: { RMM_ADMIN_PASSWORD: "launcher-test-pw" } });
const postmasterPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
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
    await expect.poll(async () => fetch(`http://127.0.0.1:${PORT}/sign-in`).then(() => "up", () => "down"), { timeout: 20_000 }).toBe("down");
    expect(isAlive(orphan)).toBe(true);
    await storeTotpSecretInClear(dataDir);

    const second = startLauncher(dataDir);
    await second.ready;
    expect(second.output()).toMatch(/orphaned PostgreSQL server/);
    expect(isAlive(orphan)).toBe(false);
    expect(second.output()).toMatch(/Encrypted 1 TOTP secret/);
    const signIn = async (totp: string) =>
      (await fetch(`http://127.0.0.1:${PORT}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: "launcher-test-pw", totp }) })).status;
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
