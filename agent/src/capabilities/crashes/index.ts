/** Crash history capability (Windows bugchecks and minidumps, Linux kernel panics and oopses) for `request-bsod`. */
import type { CrashSummary } from "../../../../src/protocol";
import { linuxCrashes } from "./linux";
import { windowsCrashes } from "./windows";
import { implementationFor, type Implementations } from "../platform-map";
import type { HandlerTable } from "../../commands/dispatcher";

export interface CrashCapability {
  /** The crashes the OS recorded, newest first. Throws CommandError `unsupported` where there is nothing to read them from. */
  summary(): Promise<CrashSummary>;
}

export const crashImplementations: Implementations<CrashCapability> = { linux: linuxCrashes, win32: windowsCrashes };

export function crashCapabilityFor(platform: NodeJS.Platform): CrashCapability {
  return implementationFor(crashImplementations, platform, "crash");
}

export function crashHandlers(crashes: CrashCapability): HandlerTable {
  return { "request-bsod": async () => ({ summary: await crashes.summary() }) };
}
