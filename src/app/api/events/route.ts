/** Live dashboard updates (SSE): `agent` events carry the id of an agent whose status or inventory changed. */
import { failureResponse } from "@/server/api/dispatch";
import { toApiFailure } from "@/server/api/failure";
import { spec000Surface } from "@/server/api/surfaces/spec000";
import { getBusListener } from "@/server/bus/web-bus";
import { agentEventStream } from "@/server/http/agent-events";
import { endWhenCredentialsLapse } from "@/server/http/revalidated-stream";
import { contextFromHeaders } from "@/server/http/request-context";
import { createCaller } from "@/server/routers";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  let context;
  try {
    context = await contextFromHeaders(request.headers);
    // The same role check as every other path: viewers and above.
    await createCaller(context).auth.me();
  } catch (error) {
    return failureResponse(spec000Surface, toApiFailure(error, "GET /api/events"));
  }
  const { userId } = context.actor!;
  const stream = agentEventStream(context.db, context.actor!, getBusListener(), request.signal);
  return endWhenCredentialsLapse(stream, async () => (await contextFromHeaders(request.headers)).actor?.userId === userId);
}
