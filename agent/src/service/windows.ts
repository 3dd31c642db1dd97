/**
 * The Windows agent as a service running as LocalSystem, restarted on failure. A plain Node
 * executable cannot answer the Service Control Manager (it would be killed 30 s after a start),
 * so the service's program is WinSW, a small MIT-licensed service host that starts
 * `rmm-agent.exe run --service` and reports to the SCM for it. WinSW travels inside the agent's
 * single executable (see agent/build/service-host.ts) and is written beside the agent at install.
 * The service itself is registered with sc.exe: create (or config), description, failure actions,
 * start. When the agent exits with 0 WinSW reports a clean stop; any other code reads as a crash,
 * on which the failure actions restart it after 5 s.
 */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import type { PlatformPath } from "node:path";
import { isPlainWindowsPath, system32 } from "../platform/windows-paths";
import { copyAgentFilesSteps, forgetSourceTokenStep, installedFiles, type AgentFiles, type InstallTarget } from "./agent-files";
import { writeFileAtomically } from "./files";
import { CommandFailed, type CommandRunner } from "./runner";
import type { Step } from "./steps";

export const SERVICE_NAME = "rmm-agent";
export const WINDOWS_BINARY = "rmm-agent.exe";
/** WinSW finds its configuration by its own name: rmm-agent-service.xml beside rmm-agent-service.exe. */
export const SERVICE_HOST = "rmm-agent-service";
export const RESTART_DELAY_MS = 5_000;
/** sc.exe's exit code for "no such service". */
const SERVICE_DOES_NOT_EXIST = 1060;

export interface ServiceHostFiles {
  exe: Uint8Array;
  /** Lets the .NET 2.0 build of WinSW run on machines that have only .NET 4. */
  config: Uint8Array;
}

export interface WindowsHost {
  installDir: string;
  path: PlatformPath;
  run: CommandRunner;
  env: Record<string, string | undefined>;
  serviceHost: () => ServiceHostFiles;
}

export function windowsTarget(host: Pick<WindowsHost, "installDir" | "path">): InstallTarget {
  return { installDir: host.installDir, binaryName: WINDOWS_BINARY, path: host.path };
}

const xmlText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function serviceHostXml(agentExe: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by "rmm-agent.exe install". The service's failure actions (sc failure) restart it. -->
<service>
  <id>${SERVICE_NAME}</id>
  <name>RMM agent</name>
  <description>Remote monitoring and management agent</description>
  <executable>${xmlText(agentExe)}</executable>
  <arguments>run --service</arguments>
  <stoptimeout>15 sec</stoptimeout>
  <logmode>rotate</logmode>
</service>
`;
}

export function scExe(env: WindowsHost["env"]): string {
  return `${system32(env)}\\sc.exe`;
}

/** `binPath=` quoted inside, so a path with spaces cannot be read as a shorter one (the unquoted service path flaw). */
export function scRegisterArgs(verb: "create" | "config", serviceHostExe: string): string[] {
  return [verb, SERVICE_NAME, "binPath=", `"${serviceHostExe}"`, "start=", "auto", "obj=", "LocalSystem", "DisplayName=", "RMM agent"];
}

export function scFailureArgs(): string[] {
  const restart = `restart/${RESTART_DELAY_MS}`;
  return ["failure", SERVICE_NAME, "reset=", "86400", "actions=", [restart, restart, restart].join("/")];
}

const STOP_POLLS = 40;
const STOP_POLL_MS = 500;

async function stopAndWait(host: WindowsHost): Promise<void> {
  if (!(await serviceExists(host))) return;
  await host.run(scExe(host.env), ["stop", SERVICE_NAME]).catch(() => undefined); // "not started" is fine
  for (let poll = 0; poll < STOP_POLLS; poll++) {
    if (/STOPPED/.test(await host.run(scExe(host.env), ["query", SERVICE_NAME]))) return;
    await new Promise((resolve) => setTimeout(resolve, STOP_POLL_MS));
  }
  throw new Error(`the service did not stop within ${(STOP_POLLS * STOP_POLL_MS) / 1000} s`);
}

function serviceExists(host: WindowsHost): Promise<boolean> {
  return host.run(scExe(host.env), ["query", SERVICE_NAME]).then(
    () => true,
    (error: unknown) => {
      if (error instanceof CommandFailed && error.exitCode === SERVICE_DOES_NOT_EXIST) return false;
      throw error;
    },
  );
}

const sc = (host: WindowsHost, title: string, args: string[], optional = false): Step => ({
  title: `${title} (sc.exe ${args.join(" ")})`,
  run: async () => void (await host.run(scExe(host.env), args)),
  optional,
});

export function windowsInstallSteps(source: AgentFiles, host: WindowsHost): Step[] {
  const target = windowsTarget(host);
  const agentExe = installedFiles(target).binary;
  const hostExe = host.path.join(host.installDir, `${SERVICE_HOST}.exe`);
  // Read before anything is changed: an executable without the embedded host cannot install.
  const serviceHost = host.serviceHost();
  return [
    // A reinstall replaces the running executable, which Windows keeps locked until it has exited.
    { title: `stop a running agent and wait until it has (sc.exe stop ${SERVICE_NAME})`, run: () => stopAndWait(host), optional: true },
    ...copyAgentFilesSteps(source, target),
    {
      title: `write the service host ${hostExe} (${serviceHost.exe.length} bytes) and its configuration`,
      run: async () => {
        await writeFileAtomically(hostExe, serviceHost.exe, 0o755);
        await writeFileAtomically(`${hostExe}.config`, serviceHost.config, 0o644);
        await writeFileAtomically(host.path.join(host.installDir, `${SERVICE_HOST}.xml`), serviceHostXml(agentExe), 0o644);
      },
    },
    {
      title: `register the service ${SERVICE_NAME} as LocalSystem, started at boot (sc.exe create, or config when it exists)`,
      run: async () => void (await host.run(scExe(host.env), scRegisterArgs((await serviceExists(host)) ? "config" : "create", hostExe))),
    },
    sc(host, "describe it", ["description", SERVICE_NAME, "Remote monitoring and management agent"]),
    sc(host, "restart it 5 s after a failure", scFailureArgs()),
    sc(host, "start it", ["start", SERVICE_NAME]),
    ...forgetSourceTokenStep(source, target),
  ];
}

/**
 * From `rmm-agent.exe uninstall`: stop and delete the service, then the folder. An executable that
 * runs from inside that folder cannot delete itself, so then the folder goes a few seconds after
 * this process has ended (see scheduleRemoval).
 */
export function windowsUninstallSteps(host: WindowsHost, runningExe: string): Step[] {
  const inside = isInside(host, runningExe);
  return [
    sc(host, "stop the service", ["stop", SERVICE_NAME], true),
    sc(host, "delete the service", ["delete", SERVICE_NAME], true),
    inside
      ? { title: `remove ${host.installDir} once this program has ended`, run: async () => scheduleRemoval(host, { deleteService: false }) }
      : { title: `remove ${host.installDir}`, run: () => rm(host.installDir, { recursive: true, force: true }) },
  ];
}

/**
 * From the running service, on the server's request: the service cannot stop and delete itself
 * while it runs, so a detached cmd.exe does it once the agent has exited with 0 (a clean stop).
 */
export function windowsSelfUninstallSteps(host: WindowsHost): Step[] {
  return [{ title: `stop and delete the service and remove ${host.installDir} once this program has ended`, run: async () => scheduleRemoval(host, { deleteService: true }) }];
}

function isInside(host: Pick<WindowsHost, "installDir" | "path">, file: string): boolean {
  const relative = host.path.relative(host.installDir, file);
  return relative !== "" && !relative.startsWith("..") && !host.path.isAbsolute(relative);
}

/**
 * The one command line built as text, from fixed words and two folders that are checked to be
 * plain local paths (the install folder is ours, System32 comes from windows-paths.ts); nothing
 * from the server or a user goes into it.
 */
export function delayedRemovalCommand(installDir: string, env: WindowsHost["env"], { deleteService }: { deleteService: boolean }): { file: string; args: string[] } {
  if (!isPlainWindowsPath(installDir)) throw new Error(`refusing to remove ${installDir}: not a plain local folder`);
  const folder = system32(env);
  const wait = `"${folder}\\PING.EXE" -n 6 127.0.0.1 >nul`;
  const commands = [wait];
  if (deleteService) commands.push(`"${folder}\\sc.exe" stop ${SERVICE_NAME} >nul`, wait, `"${folder}\\sc.exe" delete ${SERVICE_NAME} >nul`);
  commands.push(`rmdir /s /q "${installDir}"`);
  // /s: cmd.exe strips exactly the outer pair of quotes and keeps the inner ones.
  return { file: `${folder}\\cmd.exe`, args: ["/d", "/s", "/c", `"${commands.join(" & ")}"`] };
}

function scheduleRemoval(host: WindowsHost, options: { deleteService: boolean }): void {
  const { file, args } = delayedRemovalCommand(host.installDir, host.env, options);
  const child = spawn(file, args, { detached: true, stdio: "ignore", windowsHide: true, windowsVerbatimArguments: true, cwd: system32(host.env) });
  child.unref();
}
