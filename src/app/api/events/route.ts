/** Live dashboard updates (SSE): `agent` events carry the id of an agent whose status or inventory changed. */
import { failureResponse } from "@/server/api/dispatch";
import { toApiFailure } from "@/server/api/failure";
import { spec000Surface } from "@/server/api/surfaces/spec000";
import { CHANNELS } from "@/server/bus/channels";
import { getBusListener } from "@/server/bus/web-bus";
import { contextFromHeaders } from "@/server/http/request-context";
import { sseStream } from "@/server/http/sse";
import { createCaller } from "@/server/routers";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    // The same role check as every other path: viewers and above.
    await createCaller(await contextFromHeaders(request.headers)).auth.me();
  } catch (error) {
    return failureResponse(spec000Surface, toApiFailure(error, "GET /api/events"));
  }
  return sseStream(getBusListener(), CHANNELS.agentChanged, "agent", request.signal, (agentId) => ({ agentId }));
}
