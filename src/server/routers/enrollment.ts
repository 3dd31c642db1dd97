/** Enrollment tokens and agent packages (operators and admins: they let machines join). */
import { z } from "zod";
import { agentDownloadInput, agentPackage, createEnrollmentInput, enrollmentTokenSummary, newEnrollmentToken, revokeEnrollmentInput } from "../contracts/enrollment";
import { getConfig } from "../config";
import { prepareAgentPackage } from "../services/agent-package";
import { createEnrollmentToken, listEnrollmentTokens, revokeEnrollmentToken } from "../services/enrollment";
import { operatorProcedure, router } from "../trpc";

const TAG = "Enrollment";

export const enrollmentRouter = router({
  list: operatorProcedure.meta({ summary: "Enrollment tokens", tag: TAG }).output(z.array(enrollmentTokenSummary)).query(({ ctx }) => listEnrollmentTokens(ctx.service)),
  create: operatorProcedure
    .meta({ summary: "Create an enrollment token (shown once)", tag: TAG })
    .input(createEnrollmentInput)
    .output(newEnrollmentToken)
    .mutation(({ ctx, input }) => createEnrollmentToken(ctx.service, input)),
  revoke: operatorProcedure
    .meta({ summary: "Revoke an enrollment token", tag: TAG })
    .input(revokeEnrollmentInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => revokeEnrollmentToken(ctx.service, input.id)),
  /** Mints the package's token; the REST route zips it (a binary body is not a tRPC answer). */
  preparePackage: operatorProcedure
    .meta({ summary: "Prepare an agent package with a fresh enrollment token", tag: TAG })
    .input(agentDownloadInput)
    .output(agentPackage)
    .mutation(({ ctx, input }) => prepareAgentPackage(ctx.service, { platform: input.platform, siteId: input.siteId, config: getConfig(), root: process.cwd() })),
});
