/** Enrollment tokens and agent packages (operators and admins: they let machines join). */
import { agentDownloadInput, createEnrollmentInput, revokeEnrollmentInput } from "../contracts/enrollment";
import { getConfig } from "../config";
import { prepareAgentPackage } from "../services/agent-package";
import { createEnrollmentToken, listEnrollmentTokens, revokeEnrollmentToken } from "../services/enrollment";
import { operatorProcedure, router } from "../trpc";

export const enrollmentRouter = router({
  list: operatorProcedure.query(({ ctx }) => listEnrollmentTokens(ctx.db)),
  create: operatorProcedure.input(createEnrollmentInput).mutation(({ ctx, input }) => createEnrollmentToken(ctx.db, ctx.actor, input, ctx.clientIp)),
  revoke: operatorProcedure.input(revokeEnrollmentInput).mutation(({ ctx, input }) => revokeEnrollmentToken(ctx.db, ctx.actor, input.id, ctx.clientIp)),
  /** Mints the package's token; the REST handler zips it (a binary body is not a tRPC answer). */
  preparePackage: operatorProcedure
    .input(agentDownloadInput)
    .mutation(({ ctx, input }) => prepareAgentPackage(ctx.db, ctx.actor, { platform: input.platform, config: getConfig(), root: process.cwd(), clientIp: ctx.clientIp })),
});
