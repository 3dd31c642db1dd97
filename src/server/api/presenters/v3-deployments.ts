/** Tactical RMM's (/api/v3) field names for deployment links. */
import { z } from "zod";
import type { DeploymentSummary } from "../../contracts/deployments";
import type { Presenter } from "../route-types";

const v3DeploymentSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  client: z.number().int(),
  site: z.number().int(),
  client_name: z.string(),
  site_name: z.string(),
  arch: z.string(),
  platform: z.string().describe("windows or linux (this server's addition)"),
  expiry: z.string(),
  install_flags: z.string(),
  created: z.string(),
  created_by: z.string(),
  download_count: z.number().int(),
  download_url: z.string().describe("The installer; no credentials needed (the link is the secret)"),
  install_script_url: z.string().describe("Linux: curl -fsSL '<url>' | sudo sh"),
});

function toV3(d: DeploymentSummary): z.infer<typeof v3DeploymentSchema> {
  return {
    id: d.id,
    uuid: d.uuid,
    client: d.client.id,
    site: d.site.id,
    client_name: d.client.name,
    site_name: d.site.name,
    arch: d.arch,
    platform: d.platform,
    expiry: d.expiresAt,
    install_flags: d.installFlags,
    created: d.createdAt,
    created_by: d.createdBy,
    download_count: d.downloadCount,
    download_url: d.downloadUrl,
    install_script_url: d.installScriptUrl,
  };
}

export const v3Deployment: Presenter<DeploymentSummary> = { schema: v3DeploymentSchema, present: toV3 };
export const v3DeploymentList: Presenter<DeploymentSummary[]> = { schema: z.array(v3DeploymentSchema), present: (list) => list.map(toV3) };
