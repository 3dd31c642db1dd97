/**
 * The files an installed agent is made of (its executable, `server.json`, `agent-state.json`) and
 * the steps that copy them into the install folder. Both installers use these; only the folder,
 * the executable's name and the path flavour differ.
 */
import { mkdir } from "node:fs/promises";
import type { PlatformPath } from "node:path";
import { forgetEnrollmentToken } from "../config";
import { SERVER_CONFIG_FILE, STATE_FILE } from "../cli";
import { copyFileAtomically, exists } from "./files";
import type { Step } from "./steps";

export interface AgentFiles {
  /** The running executable. */
  binary: string;
  /** `server.json` it was started with; `agent-state.json` is beside it. */
  configPath: string;
  statePath: string;
}

export interface InstallTarget {
  installDir: string;
  binaryName: string;
  path: PlatformPath;
}

/** Where each file lands. */
export function installedFiles({ installDir, binaryName, path }: InstallTarget): AgentFiles {
  return { binary: path.join(installDir, binaryName), configPath: path.join(installDir, SERVER_CONFIG_FILE), statePath: path.join(installDir, STATE_FILE) };
}

export function copyAgentFilesSteps(source: AgentFiles, target: InstallTarget): Step[] {
  const installed = installedFiles(target);
  const inPlace = target.path.resolve(source.configPath) === target.path.resolve(installed.configPath);
  const steps: Step[] = [{ title: `create ${target.installDir}`, run: async () => void (await mkdir(target.installDir, { recursive: true, mode: 0o755 })) }];
  if (inPlace) return steps;
  return [
    ...steps,
    { title: `copy ${source.binary} to ${installed.binary}`, run: () => copyFileAtomically(source.binary, installed.binary, 0o755) },
    { title: `copy ${source.configPath} to ${installed.configPath}`, run: () => copyFileAtomically(source.configPath, installed.configPath, 0o600) },
    {
      title: `copy ${source.statePath} to ${installed.statePath} (once enrolled)`,
      run: async () => {
        if (await exists(source.statePath)) await copyFileAtomically(source.statePath, installed.statePath, 0o600);
      },
    },
  ];
}

/** Last step of an install: the copy left where the agent was unpacked must not enroll another machine. */
export function forgetSourceTokenStep(source: AgentFiles, target: InstallTarget): Step[] {
  if (target.path.resolve(source.configPath) === target.path.resolve(installedFiles(target).configPath)) return [];
  return [{ title: `remove the enrollment token from ${source.configPath}`, run: async () => void (await forgetEnrollmentToken(source.configPath)) }];
}
