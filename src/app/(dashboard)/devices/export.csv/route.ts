/** `GET /devices/export.csv?<the list's params>`: the device list, as filtered on screen, as a CSV download. */
import { parseDeviceListParams } from "@/lib/device-list-params";
import { failureResponse } from "@/server/api/dispatch";
import { toApiFailure } from "@/server/api/failure";
import { spec000Surface } from "@/server/api/surfaces/spec000";
import { deviceCsvResponse } from "@/server/http/device-export";
import { contextFromHeaders } from "@/server/http/request-context";
import { createCaller } from "@/server/routers";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const caller = createCaller(await contextFromHeaders(request.headers));
    const params = parseDeviceListParams(new URL(request.url).searchParams);
    // The first page is read here, so a refused session is an error response, not a broken download.
    await caller.agents.list({ perPage: 1 });
    return deviceCsvResponse((input) => caller.agents.list(input), params, new Date());
  } catch (error) {
    return failureResponse(spec000Surface, toApiFailure(error, "GET /devices/export.csv"));
  }
}
