/**
 * Specification 002's `POST /api/agents/deploy`: installs the Linux agent on a host over SSH. It
 * makes a single-use, one-hour deployment link for the site, uploads that link's install script
 * over SFTP (no URL is piped into a shell) and runs it as root (directly, or with `sudo -n` for
 * another user), then removes it. The private key comes in the request and is never stored. The
 * host's key is not verified: there is nothing to verify it against (documented in docs/compat.md).
 */
import { randomBytes } from "node:crypto";
import { Client } from "ssh2";
import type { Config } from "../config";
import type { SshDeployInput } from "../contracts/deployments";
import type { deployments } from "../db/schema";
import { AppError } from "../errors";
import { createDeployment, findLiveDeployment, revokeDeployment } from "./deployments";
import { enrollmentSite } from "./enrollment";
import { installScript } from "./install-script";
import type { ServiceContext } from "./service-context";

const OUTPUT_LIMIT = 64 * 1024;

export type SshDeployOptions = {
  /** The script to run on the host; the deployment's install script unless a test replaces it. */
  scriptFor?: (deployment: typeof deployments.$inferSelect) => string;
  timeoutMs?: number;
};

type SshRun = { exitCode: number | null; output: string };

/** Uploads `script` and runs it as root; resolves with its exit code and (bounded) output. */
function runOverSsh(target: { host: string; port: number; username: string; privateKey: string; passphrase?: string }, script: string, timeoutMs: number): Promise<SshRun> {
  const remotePath = `/tmp/rmm-install-${randomBytes(8).toString("hex")}.sh`;
  const command = `if [ "$(id -u)" -eq 0 ]; then sh ${remotePath}; else sudo -n sh ${remotePath}; fi; status=$?; rm -f ${remotePath}; exit $status`;
  return new Promise((resolve, reject) => {
    const connection = new Client();
    let output = "";
    const fail = (message: string) => {
      clearTimeout(timer);
      connection.end();
      reject(new AppError("AGENT_ERROR", `SSH to ${target.host}:${target.port}: ${message}`));
    };
    const timer = setTimeout(() => fail("timed out"), timeoutMs);
    connection
      .on("ready", () => {
        connection.sftp((sftpError, sftp) => {
          if (sftpError) return fail(`SFTP: ${sftpError.message}`);
          sftp.writeFile(remotePath, script, { mode: 0o700 }, (writeError) => {
            sftp.end();
            if (writeError) return fail(`uploading the install script: ${writeError.message}`);
            connection.exec(command, (execError, stream) => {
              if (execError) return fail(execError.message);
              const collect = (chunk: Buffer) => {
                if (output.length < OUTPUT_LIMIT) output = (output + chunk.toString("utf8")).slice(0, OUTPUT_LIMIT);
              };
              stream.on("data", collect).stderr.on("data", collect);
              stream.on("close", (code: number | null) => {
                clearTimeout(timer);
                connection.end();
                resolve({ exitCode: code, output });
              });
            });
          });
        });
      })
      .on("error", (error) => fail(error.message))
      .connect({ host: target.host, port: target.port, username: target.username, privateKey: target.privateKey, passphrase: target.passphrase, readyTimeout: timeoutMs, hostVerifier: () => true });
  });
}

export async function deployOverSsh(ctx: ServiceContext, config: Pick<Config, "publicUrl">, input: SshDeployInput, options: SshDeployOptions = {}) {
  const site = await enrollmentSite(ctx, input.site);
  const summary = await createDeployment(ctx, config, {
    clientId: site.clientId,
    siteId: site.id,
    platform: "linux",
    arch: "amd64",
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    installFlags: "",
    maxUses: 1,
  });
  const deployment = (await findLiveDeployment(ctx.db, summary.uuid))!;
  const script = (options.scriptFor ?? ((d) => installScript(d, config)))(deployment);
  await ctx.audit({ action: "deployment.ssh", target: String(summary.id), details: { host: input.host, port: input.ssh_port, user: input.ssh_user, label: input.label } });
  let run: SshRun;
  try {
    run = await runOverSsh({ host: input.host, port: input.ssh_port, username: input.ssh_user, privateKey: input.ssh_key, passphrase: input.ssh_key_passphrase }, script, options.timeoutMs ?? 120_000);
  } catch (error) {
    await revokeDeployment(ctx, summary.id);
    throw error;
  }
  // A failed install leaves no usable link behind.
  if (run.exitCode !== 0) await revokeDeployment(ctx, summary.id);
  return { agent_id: null, deployment: summary.uuid, status: run.exitCode === 0 ? ("deployed" as const) : ("failed" as const), exit_code: run.exitCode, output: run.output };
}
