/** Request schemas of process management (specification 000, "Process management"). */
import { z } from "zod";
import { agentIdInput } from "./agents";

export const killProcessInput = z.strictObject({
  agentId: agentIdInput,
  processId: z.number({ error: "must be a number" }).int("must be a whole number").positive("must be a positive integer").max(2 ** 31 - 1, "is too large"),
});
