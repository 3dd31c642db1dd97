/**
 * The tRPC client of the dashboard's client components. Server components call procedures
 * directly (src/lib/session.ts); only interactive forms go over HTTP, so a vanilla client is
 * enough (no react-query cache to keep in sync: mutations call router.refresh() instead).
 */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AppRouter } from "@/server/routers";
import { TRPC_MAX_BATCH_SIZE } from "./trpc-limits";

export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/api/trpc", maxItems: TRPC_MAX_BATCH_SIZE })],
});
