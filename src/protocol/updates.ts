/**
 * OS updates: `request-updates` (scan, answered with the summary),
 * `install-updates` (acknowledged at once) and the `update-install-result`
 * events reporting each update's outcome.
 */
import { z } from "zod";
import { accepted, byteCount, identifier, isoTimestamp, shortText } from "./common";
import { commandId, defineCommand, defineMessage, type CommandSpec } from "./envelope";

export const availableUpdate = z.object({
  id: identifier,
  title: shortText(1024),
  kb: z.string().max(32).optional(),
  categories: z.array(shortText(128)).max(32),
  severity: shortText(64).optional(),
  sizeBytes: byteCount.optional(),
  downloaded: z.boolean().optional(),
  rebootRequired: z.boolean().optional(),
});

export const updateSummary = z.object({
  updates: z.array(availableUpdate).max(10_000),
  pendingReboot: z.boolean(),
  checkedAt: isoTimestamp,
});

export const requestUpdatesCommand = defineCommand("request-updates", {});
export const requestUpdatesResult = z.object({ summary: updateSummary });

export const installUpdatesCommand = defineCommand("install-updates", {
  ids: z.array(identifier).min(1).max(1_000),
});

export const updateInstallStatus = z.enum(["downloading", "installing", "installed", "failed"]);

/** agent → server, one or more per update of an `install-updates` command. */
export const updateInstallResultMessage = defineMessage("update-install-result", {
  commandId,
  updateId: identifier,
  status: updateInstallStatus,
  message: shortText(4096).optional(),
  rebootRequired: z.boolean().optional(),
  at: isoTimestamp,
});

export const updateCommands = {
  "request-updates": { command: requestUpdatesCommand, result: requestUpdatesResult },
  "install-updates": { command: installUpdatesCommand, result: accepted },
} satisfies Record<string, CommandSpec>;

export type UpdateSummary = z.infer<typeof updateSummary>;
export type UpdateInstallResultMessage = z.infer<typeof updateInstallResultMessage>;
