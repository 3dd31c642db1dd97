/** System-info capability: host inventory for `hello` and load samples for metrics, per OS. */
import type { DiskInfo, SystemLoad } from "../../../../src/protocol";
import { linuxSystemInfo } from "./linux";
import { windowsSystemInfo } from "./windows";
import { implementationFor, type Implementations } from "../platform-map";

/** The OS-specific part of the inventory; CPU and memory come from Node's `os` module. */
export interface HostDescription {
  os: string;
  loggedInUser: string | null;
  disks: DiskInfo[];
}

export interface SystemInfoCapability {
  describeHost(): Promise<HostDescription>;
  /** Whole-machine usage measured over a short sampling window. */
  sampleLoad(): Promise<SystemLoad>;
}

export const systemInfoImplementations: Implementations<SystemInfoCapability> = { linux: linuxSystemInfo, win32: windowsSystemInfo };

export function systemInfoCapabilityFor(platform: NodeJS.Platform): SystemInfoCapability {
  return implementationFor(systemInfoImplementations, platform, "system-info");
}
