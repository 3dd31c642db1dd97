/** Live dashboard updates (SSE): `agent` events carry the id of an agent whose status or inventory changed. */
import { CHANNELS } from "@/server/bus/channels";
import { getBusListener } from "@/server/bus/web-bus";
import { contextFromHeaders } from "@/server/http/request-context";
import { sseStream } from "@/server/http/sse";
import { errorResponse } from "@/server/rest/responses";
import { createCaller } from "@/server/routers";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    // The same role check as every other path: viewers and above.
    await createCaller(await contextFromHeaders(request.headers)).auth.me();
  } catch (error) {
    return errorResponse(error);
  }
  return sseStream(getBusListener(), CHANNELS.agentChanged, "agent", request.signal, (agentId) => ({ agentId }));
}
