/** Crash history capability (Windows bugchecks and minidumps, Linux kernel panics and oopses) for `request-bsod`. */
import type { CrashSummary } from "../../../../src/protocol";
import { linuxCrashes } from "./linux";
import { windowsCrashes } from "./windows";

export interface CrashCapability {
  /** The crashes the OS recorded, newest first. Throws CommandError `unsupported` where there is nothing to read them from. */
  summary(): Promise<CrashSummary>;
}

export function crashCapabilityFor(platform: NodeJS.Platform): CrashCapability {
  if (platform === "linux") return linuxCrashes;
  if (platform === "win32") return windowsCrashes;
  throw new Error(`crash capability is not implemented on ${platform}`);
}
