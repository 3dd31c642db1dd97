/** API keys for integrations (`X-API-KEY`): admins create, list and revoke them in the dashboard. */
import { z } from "zod";
import { apiKeySummary, createApiKeyInput, createdApiKey, revokeApiKeyInput } from "../contracts/api-keys";
import { createApiKey, listApiKeys, revokeApiKey } from "../services/api-keys";
import { adminProcedure, router } from "../trpc";

const TAG = "API keys";

export const apiKeysRouter = router({
  list: adminProcedure
    .meta({ summary: "API keys (prefix, role, creator, last use, expiry; never the key)", tag: TAG })
    .output(z.array(apiKeySummary))
    .query(({ ctx }) => listApiKeys(ctx.service)),
  create: adminProcedure
    .meta({ summary: "Create an API key; the key is shown in this answer only", tag: TAG })
    .input(createApiKeyInput)
    .output(createdApiKey)
    .mutation(({ ctx, input }) => createApiKey(ctx.service, input)),
  revoke: adminProcedure
    .meta({ summary: "Revoke an API key (it stops working at once)", tag: TAG })
    .input(revokeApiKeyInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.service, input)),
});
