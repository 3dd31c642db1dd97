/** The tRPC endpoint used by the dashboard's client components. */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/trpc-limits";
import { contextFromHeaders } from "@/server/http/request-context";
import { appRouter } from "@/server/routers";
import { toTRPCError } from "@/server/trpc";

function handler(request: Request) {
  // The context reads the session from the database: an outage there is a 503 too, not a 500.
  const createContext = () =>
    contextFromHeaders(request.headers).catch((error: unknown) => {
      throw toTRPCError(error);
    });
  return fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, maxBatchSize: TRPC_MAX_BATCH_SIZE, createContext });
}

export { handler as GET, handler as POST };
