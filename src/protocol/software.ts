/**
 * Installed software: `list-software`, `uninstall-software` (acknowledged at
 * once) and the later `software-operation-result`.
 */
import { z } from "zod";
import { accepted, identifier, isoTimestamp, shortText } from "./common";
import { commandId, defineCommand, defineMessage, type CommandSpec } from "./envelope";

export const softwareEntry = z.object({
  id: identifier,
  name: shortText(512),
  version: shortText(128).optional(),
  publisher: shortText(512).optional(),
  installDate: shortText(32).optional(),
  /** Where the entry came from: "registry", "appx", "dpkg", "rpm", ... */
  source: shortText(32),
  packageFullName: shortText(512).optional(),
  productCode: shortText(64).optional(),
});

export const listSoftwareCommand = defineCommand("list-software", {});

export const listSoftwareResult = z.object({
  software: z.array(softwareEntry).max(50_000),
  collectedAt: isoTimestamp,
});

/**
 * The spec's REST body also has `uninstallCommand`; it is deliberately not
 * carried: the agent only runs the uninstaller recorded in its own inventory,
 * never a command line received over the network.
 */
export const uninstallSoftwareCommand = defineCommand("uninstall-software", {
  softwareId: identifier,
  source: shortText(32).optional(),
  packageFullName: shortText(512).optional(),
  productCode: shortText(64).optional(),
});

export const softwareOperationResultMessage = defineMessage("software-operation-result", {
  commandId,
  softwareId: identifier,
  operation: z.literal("uninstall"),
  status: z.enum(["succeeded", "failed"]),
  exitCode: z.number().int().optional(),
  message: shortText(4096).optional(),
  at: isoTimestamp,
});

export const softwareCommands = {
  "list-software": { command: listSoftwareCommand, result: listSoftwareResult },
  "uninstall-software": { command: uninstallSoftwareCommand, result: accepted },
} satisfies Record<string, CommandSpec>;

export type SoftwareEntry = z.infer<typeof softwareEntry>;
export type SoftwareOperationResultMessage = z.infer<typeof softwareOperationResultMessage>;
