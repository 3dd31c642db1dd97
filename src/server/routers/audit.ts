/** The audit log, readable by admins. */
import { z } from "zod";
import { auditEntry, auditListInput } from "../contracts/audit";
import { listAudit } from "../services/audit";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  list: adminProcedure
    .meta({ summary: "Recent audit entries", tag: "Audit" })
    .input(auditListInput)
    .output(z.array(auditEntry))
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
