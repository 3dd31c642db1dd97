/** The JSON the Windows service scripts print, and how it becomes the protocol's service list. */
import { z } from "zod";
import type { ServiceInfo } from "../../../../src/protocol";
import { psArray, psOptionalString } from "../../platform/ps-json";
import { windowsStatus } from "./status";

const win32Service = z.object({
  Name: z.string().min(1),
  DisplayName: psOptionalString,
  State: z.string(),
  StartMode: psOptionalString,
});

export const windowsServiceOutput = psArray(win32Service);

/** What the manage script prints: whether the service exists and, if it does, its status afterwards. */
export const windowsManageOutput = z.object({ found: z.boolean(), status: psOptionalString });

export function toServiceList(output: z.output<typeof windowsServiceOutput>): ServiceInfo[] {
  return output
    .map((service) => ({
      name: service.Name,
      displayName: service.DisplayName,
      status: windowsStatus(service.State),
      // "Auto", "Manual", "Disabled", "Boot", "System".
      startType: service.StartMode?.toLowerCase(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
