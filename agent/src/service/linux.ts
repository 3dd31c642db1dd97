/**
 * The Linux agent as a systemd unit: the executable and its files in /opt/rmm-agent, the unit in
 * /etc/systemd/system, enabled and started. Every path is taken under `root` ("/" for real, a
 * temporary folder in tests) and systemctl goes through the runner, so the whole install can be
 * run against a fake.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { EXIT_CODES } from "../exit-codes";
import { copyAgentFilesSteps, forgetSourceTokenStep, type AgentFiles, type InstallTarget } from "./agent-files";
import { exists, writeFileAtomically } from "./files";
import type { CommandRunner } from "./runner";
import type { Step } from "./steps";

export const SERVICE_NAME = "rmm-agent";
export const LINUX_INSTALL_DIR = "/opt/rmm-agent";
export const LINUX_BINARY = "rmm-agent";
export const LINUX_UNIT_FILE = `/etc/systemd/system/${SERVICE_NAME}.service`;
/** Present only while systemd is the init system (what sd_booted() checks). */
const SYSTEMD_RUNTIME_DIR = "/run/systemd/system";

export interface LinuxHost {
  /** Prefix of every path written or removed: "/" on a real system. */
  root: string;
  run: CommandRunner;
}

export function systemdUnit(installDir = LINUX_INSTALL_DIR): string {
  return `[Unit]
Description=RMM agent
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart=${installDir}/${LINUX_BINARY} run --service
WorkingDirectory=${installDir}
Restart=always
RestartSec=5
# The server removed this agent: starting it again would only be refused.
RestartPreventExitStatus=${EXIT_CODES.revoked}
TimeoutStopSec=15

[Install]
WantedBy=multi-user.target
`;
}

export function linuxTarget(root: string): InstallTarget {
  return { installDir: path.join(root, LINUX_INSTALL_DIR), binaryName: LINUX_BINARY, path };
}

const systemctl = (host: LinuxHost, title: string, args: string[], optional = false): Step => ({
  title: `${title} (systemctl ${args.join(" ")})`,
  run: async () => void (await host.run("systemctl", args)),
  optional,
});

export function linuxInstallSteps(source: AgentFiles, host: LinuxHost): Step[] {
  const target = linuxTarget(host.root);
  const unitFile = path.join(host.root, LINUX_UNIT_FILE);
  return [
    {
      title: "check that systemd manages this machine",
      run: async () => {
        if (!(await exists(path.join(host.root, SYSTEMD_RUNTIME_DIR)))) throw new Error("systemd is not running here; start the agent with run-agent.sh instead");
      },
    },
    // A reinstall replaces a running executable; stop it first (nothing to stop on a first install).
    systemctl(host, "stop a running agent", ["stop", SERVICE_NAME], true),
    ...copyAgentFilesSteps(source, target),
    { title: `write ${unitFile}`, run: () => writeFileAtomically(unitFile, systemdUnit(), 0o644) },
    systemctl(host, "load the unit", ["daemon-reload"]),
    systemctl(host, "start it now and at every boot", ["enable", "--now", SERVICE_NAME]),
    ...forgetSourceTokenStep(source, target),
  ];
}

/**
 * `self`: the agent removing itself on the server's request, from inside the unit. It cannot wait
 * for its own stop, so it disables the unit, deletes everything, and asks systemd to stop it
 * without waiting; by then nothing is left to start again.
 */
export function linuxUninstallSteps(host: LinuxHost, { self = false }: { self?: boolean } = {}): Step[] {
  const { installDir } = linuxTarget(host.root);
  const unitFile = path.join(host.root, LINUX_UNIT_FILE);
  return [
    self ? systemctl(host, "no start at boot", ["disable", SERVICE_NAME], true) : systemctl(host, "stop and no start at boot", ["disable", "--now", SERVICE_NAME], true),
    { title: `remove ${unitFile}`, run: () => rm(unitFile, { force: true }) },
    systemctl(host, "forget the unit", ["daemon-reload"], true),
    { title: `remove ${installDir}`, run: () => rm(installDir, { recursive: true, force: true }) },
    ...(self ? [systemctl(host, "stop this agent", ["stop", "--no-block", SERVICE_NAME], true)] : []),
  ];
}
