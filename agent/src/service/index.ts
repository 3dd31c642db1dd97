/**
 * `rmm-agent install` / `uninstall` and the agent's removal of itself, on the platform it runs
 * on. What differs per platform lives in linux.ts and windows.ts; this module picks one, checks
 * what must hold first (root, a usable server.json, the built executable) and runs the steps.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { getRawAsset } from "node:sea";
import { statePathFor } from "../cli";
import { loadServerConfig } from "../config";
import type { Logger } from "../log";
import { StateStore } from "../state";
import { errorMessage } from "../util";
import { programFiles } from "../platform/windows-paths";
import type { AgentFiles } from "./agent-files";
import { SERVICE_HOST_ASSETS } from "./assets";
import { LINUX_INSTALL_DIR, linuxInstallSteps, linuxUninstallSteps } from "./linux";
import { execFileRunner, type CommandRunner } from "./runner";
import { runSteps, type Step } from "./steps";
import { windowsInstallSteps, windowsSelfUninstallSteps, windowsUninstallSteps, type ServiceHostFiles, type WindowsHost } from "./windows";

export interface ServiceEnvironment {
  platform: NodeJS.Platform;
  isSingleExecutable: boolean;
  execPath: string;
  env: Record<string, string | undefined>;
  isRoot: boolean;
  /** "/" for real; tests point it at a temporary folder (Linux). */
  root: string;
  run: CommandRunner;
  serviceHost: () => ServiceHostFiles;
  log: Logger;
}

export function systemServiceEnvironment(log: Logger, isSingleExecutable: boolean): ServiceEnvironment {
  return {
    platform: process.platform,
    isSingleExecutable,
    execPath: process.execPath,
    env: process.env,
    isRoot: process.getuid?.() === 0,
    root: "/",
    run: execFileRunner,
    serviceHost: embeddedServiceHost,
    log,
  };
}

function embeddedServiceHost(): ServiceHostFiles {
  return { exe: new Uint8Array(getRawAsset(SERVICE_HOST_ASSETS.exe) as ArrayBuffer), config: new Uint8Array(getRawAsset(SERVICE_HOST_ASSETS.config) as ArrayBuffer) };
}

function windowsHost(environment: ServiceEnvironment): WindowsHost {
  const { run, env, serviceHost } = environment;
  return { installDir: installDirectory(environment), path: path.win32, run, env, serviceHost };
}

/** Where the agent lives once installed on this platform. */
export function installDirectory(environment: Pick<ServiceEnvironment, "platform" | "env" | "root">): string {
  return environment.platform === "win32" ? path.win32.join(programFiles(environment.env), "rmm-agent") : path.join(environment.root, LINUX_INSTALL_DIR);
}

function unsupported(platform: string): never {
  throw new Error(`installing as a service is not implemented on ${platform}`);
}

/** Windows has no cheap "am I elevated" check that works everywhere: recognise the refusal instead. */
function explainDenied(environment: ServiceEnvironment, error: unknown): never {
  const message = errorMessage(error);
  if (environment.platform === "win32" && /EPERM|EACCES|FAILED 5:|Access is denied/i.test(message)) {
    throw new Error(`${message} (run it from a command prompt opened with "Run as administrator")`, { cause: error });
  }
  throw error;
}

function checkPrivileges(environment: ServiceEnvironment, verb: string, dryRun: boolean): void {
  if (dryRun || environment.platform !== "linux" || environment.isRoot) return;
  throw new Error(`${verb} needs root: run it with sudo`);
}

export async function installService(environment: ServiceEnvironment, { configPath, dryRun }: { configPath: string; dryRun: boolean }): Promise<void> {
  if (!environment.isSingleExecutable) throw new Error("install works from the built executable (npm run build:agent), not from source");
  checkPrivileges(environment, "install", dryRun);
  // The installed service must be able to start: a usable server.json, and a token or an identity.
  const config = await loadServerConfig(configPath);
  const statePath = statePathFor(configPath);
  if (!config.enrollmentToken && !(await new StateStore(statePath).load())) {
    throw new Error(`${configPath} has no enrollmentToken and this machine has not enrolled yet`);
  }
  const source: AgentFiles = { binary: environment.execPath, configPath, statePath };
  const steps = installSteps(environment, source);
  await runSteps(steps, { dryRun, log: environment.log }).catch((error: unknown) => explainDenied(environment, error));
  environment.log.info(dryRun ? "install-planned" : "installed", { directory: installDirectory(environment) });
}

function installSteps(environment: ServiceEnvironment, source: AgentFiles): Step[] {
  if (environment.platform === "linux") return linuxInstallSteps(source, environment);
  if (environment.platform === "win32") return windowsInstallSteps(source, windowsHost(environment));
  return unsupported(environment.platform);
}

export async function uninstallService(environment: ServiceEnvironment, { dryRun }: { dryRun: boolean }): Promise<void> {
  checkPrivileges(environment, "uninstall", dryRun);
  const steps =
    environment.platform === "linux"
      ? linuxUninstallSteps(environment)
      : environment.platform === "win32"
        ? windowsUninstallSteps(windowsHost(environment), environment.execPath)
        : unsupported(environment.platform);
  await runSteps(steps, { dryRun, log: environment.log }).catch((error: unknown) => explainDenied(environment, error));
  environment.log.info(dryRun ? "uninstall-planned" : "uninstalled", { directory: installDirectory(environment) });
}

/**
 * The server removed this agent and asked it to go. Installed as a service, the service and its
 * folder are removed; run by hand (run-agent.sh / .bat), only its credentials and server.json are
 * deleted, since the folder is the user's.
 */
export function selfRemovalSteps(environment: ServiceEnvironment, { service, configPath }: { service: boolean; configPath: string }): Step[] {
  if (service && environment.platform === "linux") return linuxUninstallSteps(environment, { self: true });
  if (service && environment.platform === "win32") return windowsSelfUninstallSteps(windowsHost(environment));
  const files = [statePathFor(configPath), configPath];
  return files.map((file) => ({ title: `delete ${file}`, run: () => rm(file, { force: true }) }));
}
