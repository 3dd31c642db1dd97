/** Request and response schemas of device groups. */
import { z } from "zod";
import { agentIdInput, agentIdsInput } from "./agents";

export const DEFAULT_GROUP = "Ungrouped";

/** Trimmed, inner whitespace collapsed to one space, 1 to 64 characters. */
export const groupNameSchema = z
  .string({ error: "must be a string" })
  .transform((value) => value.trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, "must not be empty").max(64, "must be at most 64 characters"));

export const createGroupInput = z.strictObject({ name: groupNameSchema });
export const assignGroupInput = z.strictObject({
  agentId: agentIdInput,
  group: groupNameSchema,
});
export type AssignGroupInput = z.infer<typeof assignGroupInput>;
export const assignGroupManyInput = z.strictObject({ agentIds: agentIdsInput, group: groupNameSchema });

export const deleteGroupInput = z.strictObject({ name: groupNameSchema });
