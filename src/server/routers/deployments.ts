/**
 * Deployments (installer links) on the dashboard and Tactical RMM's `/api/v3/agents/deployments/`:
 * operators create, list and revoke them; creating one over `/api/v3` counts against its own
 * per-key limit (20 a minute). The public download is a custom route of the v3 surface.
 */
import { z } from "zod";
import type { RouteRequest } from "../api/route-types";
import { numericParam } from "../api/surfaces/list-query";
import { v3Deployment, v3DeploymentList } from "../api/presenters/v3-deployments";
import { getConfig } from "../config";
import { createDeploymentInput, deploymentSummary, installFlagsSchema, revokeDeploymentInput, sshDeployInput, sshDeployResult } from "../contracts/deployments";
import { createDeployment, listDeployments, revokeDeployment } from "../services/deployments";
import { deployOverSsh } from "../services/ssh-deploy";
import { adminProcedure, operatorProcedure, router } from "../trpc";

const TAG = "Deployments";

/** Tactical RMM's body: `{ client, site, expires, arch, install_flags }` (plus this server's `platform`). */
function v3CreateInput({ body }: RouteRequest): unknown {
  const { client, site, expires, install_flags, ...rest } = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { ...rest, clientId: client, siteId: site, expiresAt: expires, ...(install_flags === undefined ? {} : { installFlags: install_flags }) };
}

const v3CreateBody = z.object({
  client: z.number().int().describe("Client id (GET /api/v3/clients/)"),
  site: z.number().int().describe("Site id of that client"),
  expires: z.string().describe("When the link stops working (ISO 8601, at most 90 days away)"),
  arch: z.enum(["amd64", "arm64", "amd64-mac", "arm64-mac"]).describe("amd64 (arm64 where a build exists; the macOS ones are refused)"),
  install_flags: installFlagsSchema.optional().describe("Arguments for the agent's installer: letters, digits, spaces and - _ . , : / = @ +"),
  platform: z.enum(["windows", "linux"]).optional().describe("This server's addition: windows (default) or linux"),
});

export const deploymentsRouter = router({
  list: operatorProcedure
    .meta({ summary: "Deployment links that still work", tag: TAG, routes: { v3: { method: "GET", path: "/agents/deployments/", input: () => undefined, present: v3DeploymentList } } })
    .output(z.array(deploymentSummary))
    .query(({ ctx }) => listDeployments(ctx.service, getConfig())),

  create: operatorProcedure
    .meta({
      summary: "Create a deployment link: an expiring installer for one site",
      tag: TAG,
      routes: { v3: { method: "POST", path: "/agents/deployments/", status: 201, input: v3CreateInput, body: v3CreateBody, present: v3Deployment, rateLimit: { name: "api-v3-deployments", per: "api-key" } } },
    })
    .input(createDeploymentInput)
    .output(deploymentSummary)
    .mutation(({ ctx, input }) => createDeployment(ctx.service, getConfig(), input)),

  revoke: operatorProcedure
    .meta({
      summary: "Revoke a deployment link (and its enrollment token)",
      tag: TAG,
      routes: { v3: { method: "DELETE", path: "/agents/deployments/{id}/", input: ({ params }) => ({ id: numericParam(params.id) }) } },
    })
    .input(revokeDeploymentInput)
    .output(z.object({ id: z.number().int() }))
    .mutation(({ ctx, input }) => revokeDeployment(ctx.service, input.id)),

  overSsh: adminProcedure
    .meta({ summary: "Install the Linux agent on a host over SSH (the private key is used once, never stored)", tag: TAG, routes: { agents: { method: "POST", path: "/deploy" } } })
    .input(sshDeployInput)
    .output(sshDeployResult)
    .mutation(({ ctx, input }) => deployOverSsh(ctx.service, getConfig(), input)),
});
