/** `GET /agent/download[?platform=linux]`: the agent package as a ZIP (a binary body, so a bespoke handler). */
import { contextFromHeaders } from "@/server/http/request-context";
import { errorResponse } from "@/server/rest/responses";
import { createCaller } from "@/server/routers";
import { zipAgentPackage } from "@/server/services/agent-package";

export async function GET(request: Request): Promise<Response> {
  try {
    const caller = createCaller(await contextFromHeaders(request.headers));
    const platform = new URL(request.url).searchParams.get("platform") ?? undefined;
    // The procedure validates `platform` (windows or linux) and the caller's role.
    const pkg = await caller.enrollment.preparePackage({ platform: platform as never });
    const zip = await zipAgentPackage(pkg);
    return new Response(new Uint8Array(zip), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="rmm-agent-${platform ?? "windows"}.zip"`,
        "cache-control": "no-store",
        "x-enrollment-expires": pkg.expiresAt,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
