/**
 * SSH deployment against a real OpenSSH server on loopback, started here on a free port with a
 * throwaway host key and authorized key (Debian's openssh-server; .ci/run installs it). The script
 * the host runs is a stand-in that records what it was given, so the test machine gets no service.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser, testServiceContext } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { deployments, enrollmentTokens } from "../db/schema";
import { createClient } from "./clients";
import { deploymentDownloadUrl } from "./deployments";
import { deployOverSsh } from "./ssh-deploy";

const SSHD = "/usr/sbin/sshd";
const runnable = existsSync(SSHD) && process.getuid?.() === 0;
if (!runnable) console.warn(`[ssh-deploy] skipped: needs ${SSHD} (apt-get install openssh-server) and root to start it`);

const config = { publicUrl: "https://rmm.example" };
let t: TestDatabase;
let dir = "";
let port = 0;
let sshd: ChildProcess | undefined;
let privateKey = "";
let siteId = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
    server.on("error", reject);
  });
}

async function waitForPort(target: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port: target }, () => resolve(!!socket.end()));
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sshd did not listen on ${target}`);
}

const target = () => ({ host: "127.0.0.1", ssh_user: userInfo().username, ssh_port: port, ssh_key: privateKey, label: "db-01" });

describe.skipIf(!runnable)("POST /api/agents/deploy over a real sshd", () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    await seedUser(t.db, "ada", "admin");
    await seedUser(t.db, "otto", "operator");
    siteId = (await createClient(testServiceContext(t.db), { name: "Beta Corp", siteName: "Rack 4" })).sites[0]!.id;
    dir = mkdtempSync(path.join(tmpdir(), "rmm-sshd-"));
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path.join(dir, "host_key")]);
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path.join(dir, "client_key")]);
    writeFileSync(path.join(dir, "authorized_keys"), readFileSync(path.join(dir, "client_key.pub")));
    privateKey = readFileSync(path.join(dir, "client_key"), "utf8");
    port = await freePort();
    writeFileSync(
      path.join(dir, "sshd_config"),
      [
        `Port ${port}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${path.join(dir, "host_key")}`,
        `PidFile ${path.join(dir, "sshd.pid")}`,
        `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "StrictModes no",
        "UsePAM no",
        "Subsystem sftp internal-sftp",
        "",
      ].join("\n"),
    );
    mkdirSync("/run/sshd", { recursive: true });
    sshd = spawn(SSHD, ["-D", "-e", "-f", path.join(dir, "sshd_config")], { stdio: "ignore" });
    await waitForPort(port);
  }, 60_000);
  afterAll(async () => {
    sshd?.kill();
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it("uploads the deployment's script, runs it as root and answers its output; the link is single-use and in the site", async () => {
    const marker = path.join(dir, "installed");
    const ctx = testServiceContext(t.db, await actorFor(t.db, "ada"));
    const result = await deployOverSsh(ctx, config, { ...target(), site: siteId }, {
      scriptFor: (deployment) => `id -u > '${marker}'\necho '${deploymentDownloadUrl(config, deployment.uuid)}' >> '${marker}'\necho installed\n`,
    });
    expect(result).toMatchObject({ agent_id: null, status: "deployed", exit_code: 0, output: "installed\n" });
    const [uid, url] = readFileSync(marker, "utf8").trim().split("\n");
    expect(uid).toBe("0");
    expect(url).toBe(deploymentDownloadUrl(config, result.deployment));
    const [row] = await t.db.select({ siteId: deployments.siteId, maxUses: enrollmentTokens.maxUses, revokedAt: deployments.revokedAt }).from(deployments).innerJoin(enrollmentTokens, eq(enrollmentTokens.id, deployments.enrollmentTokenId)).where(eq(deployments.uuid, result.deployment));
    expect(row).toEqual({ siteId, maxUses: 1, revokedAt: null });
  });

  it("reports a failed install and revokes its link", async () => {
    const ctx = testServiceContext(t.db, await actorFor(t.db, "ada"));
    const result = await deployOverSsh(ctx, config, target(), { scriptFor: () => "echo 'no space left' >&2\nexit 3\n" });
    expect(result).toMatchObject({ status: "failed", exit_code: 3, output: "no space left\n" });
    const [row] = await t.db.select({ revokedAt: deployments.revokedAt }).from(deployments).where(eq(deployments.uuid, result.deployment));
    expect(row!.revokedAt).not.toBeNull();
  });

  it("fails with a 502-class error when the key is refused, leaving no live link", async () => {
    const otherKey = path.join(dir, "other_key");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", otherKey]);
    const ctx = testServiceContext(t.db, await actorFor(t.db, "ada"));
    const before = await t.db.select().from(deployments);
    await expect(deployOverSsh(ctx, config, { ...target(), ssh_key: readFileSync(otherKey, "utf8") }, { timeoutMs: 10_000 })).rejects.toMatchObject({ code: "AGENT_ERROR" });
    const after = await t.db.select().from(deployments);
    expect(after.length).toBe(before.length + 1);
    expect(after.every((d) => d.revokedAt !== null || before.some((b) => b.id === d.id))).toBe(true);
  });

  it("is for admins, and wants the key's text rather than a path on the server", async () => {
    const asOperator = callerAs(t.db, await actorFor(t.db, "otto"));
    await expect(asOperator.deployments.overSsh(target())).rejects.toMatchObject({ code: "FORBIDDEN" });
    const asAdmin = callerAs(t.db, await actorFor(t.db, "ada"));
    await expect(asAdmin.deployments.overSsh({ ...target(), ssh_key: "~/.ssh/id_ed25519" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
