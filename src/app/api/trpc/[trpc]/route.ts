/** The tRPC endpoint used by the dashboard's client components. */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/trpc-limits";
import { contextFromHeaders } from "@/server/http/request-context";
import { appRouter } from "@/server/routers";

function handler(request: Request) {
  return fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, maxBatchSize: TRPC_MAX_BATCH_SIZE, createContext: () => contextFromHeaders(request.headers) });
}

export { handler as GET, handler as POST };
