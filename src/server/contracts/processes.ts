/** Request schemas of process management (specification 000, "Process management"). */
import { z } from "zod";

export const agentIdInput = z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(128, "must be at most 128 characters");

export const agentRef = z.strictObject({ agentId: agentIdInput });

export const killProcessInput = z.strictObject({
  agentId: agentIdInput,
  processId: z.number({ error: "must be a number" }).int("must be a whole number").positive("must be a positive integer").max(2 ** 31 - 1, "is too large"),
});
