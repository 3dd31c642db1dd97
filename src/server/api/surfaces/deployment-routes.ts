/**
 * The two routes of a deployment link that need no credentials (the link's uuid is the secret):
 * the installer download on `/api/v3` and the Linux install script on `/api/agents`. Both are
 * limited per client address, and an unknown, expired or revoked uuid answers the same 404.
 */
import { z } from "zod";
import { getConfig } from "../../config";
import { deploymentPackage, findLiveDeployment, takeDeployment } from "../../services/deployments";
import { installScript } from "../../services/install-script";
import type { CustomRoute } from "../surface";

const TAG = "Deployments";
const perAddress = { name: "deployment-download", per: "client-ip" } as const;

export const deploymentDownloadRoute: CustomRoute = {
  method: "GET",
  path: "/agents/deployments/{uuid}/download/",
  summary: "The installer of a deployment link (no credentials: the link is the secret): a ZIP for Windows, a tar.gz for Linux",
  tag: TAG,
  status: 200,
  kind: "binary",
  access: "public",
  rateLimit: perAddress,
  handle: async ({ params, context }) => {
    const deployment = await takeDeployment(context.db, params.uuid ?? "");
    const pkg = await deploymentPackage(deployment, getConfig(), process.cwd());
    return new Response(new Uint8Array(pkg.body), {
      headers: { "content-type": pkg.contentType, "content-disposition": `attachment; filename="${pkg.filename}"`, "cache-control": "no-store", "x-deployment-expires": deployment.expiresAt.toISOString() },
    });
  },
};

export const installScriptRoute: CustomRoute = {
  method: "GET",
  path: "/install-script",
  summary: "A shell script that downloads, installs and registers the Linux agent of a deployment link: `curl -fsSL '<url>' | sudo sh`",
  description: "`key` is the uuid of a Linux deployment link (POST /api/v3/agents/deployments/ with platform linux, or the dashboard's Add agent).",
  tag: TAG,
  status: 200,
  kind: "binary",
  access: "public",
  rateLimit: perAddress,
  query: z.object({ key: z.string().describe("The deployment's uuid") }),
  handle: async ({ query, context }) => {
    const deployment = await findLiveDeployment(context.db, query.get("key") ?? "");
    // Plain text either way: the answer is piped into a shell, which must see a failing command, not JSON.
    if (!deployment || deployment.platform !== "linux") {
      return new Response("echo 'rmm-agent: this install link is unknown, expired or revoked' >&2\nexit 1\n", { status: 404, headers: { "content-type": "text/x-shellscript; charset=utf-8", "cache-control": "no-store" } });
    }
    return new Response(installScript(deployment, getConfig()), { headers: { "content-type": "text/x-shellscript; charset=utf-8", "cache-control": "no-store" } });
  },
};
