/** The audit log, readable by admins. */
import { z } from "zod";
import { listAudit } from "../services/audit";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  list: adminProcedure
    .meta({ summary: "Recent audit entries", tag: "Audit" })
    .input(z.strictObject({ limit: z.number().int().min(1).max(1000).default(200) }).default({ limit: 200 }))
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
