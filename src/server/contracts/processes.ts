/** Request schemas of process management (specification 000, "Process management"). */
import { z } from "zod";
import { killProcessResult, listProcessesResult, processInfo } from "../../protocol";
import { agentIdInput } from "./agents";

export const killProcessInput = z.strictObject({
  agentId: agentIdInput,
  processId: z.number({ error: "must be a number" }).int("must be a whole number").positive("must be a positive integer").max(2 ** 31 - 1, "is too large"),
});

/** The snapshot every surface shows: the agent's list plus the reference server's field names. */
export const processSnapshot = listProcessesResult.extend({
  retrievedAt: z.string(),
  processes: z.array(processInfo.extend({ processId: z.number().int(), memoryPercent: z.number().nullable() })),
});
export type ProcessSnapshot = z.infer<typeof processSnapshot>;

export { killProcessResult };
