/** The audit log, readable by admins. */
import { z } from "zod";
import { auditEntry, auditListInput } from "../contracts/audit";
import { listAudit } from "../services/audit";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  list: adminProcedure
    // Entries name every client's agents and sites: only for admins who see every client.
    .meta({ summary: "Recent audit entries", tag: "Audit", allClients: true })
    .input(auditListInput)
    .output(z.array(auditEntry))
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
