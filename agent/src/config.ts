/** `server.json`: where the gateway is and the one-time enrollment token (from the download ZIP). */
import { z } from "zod";
import { readJsonFile } from "./json-file";

export const serverConfig = z.object({
  gatewayUrl: z.url({ protocol: /^wss?$/, error: "gatewayUrl must be a ws:// or wss:// URL" }),
  /** Needed only until the agent has enrolled and saved its own credentials. */
  enrollmentToken: z.string().min(1).max(256).optional(),
});

export type ServerConfig = z.infer<typeof serverConfig>;

export async function loadServerConfig(path: string): Promise<ServerConfig> {
  const data = await readJsonFile(path);
  if (data === undefined) throw new Error(`${path} not found: put server.json beside the agent or pass --config <path>`);
  const parsed = serverConfig.safeParse(data);
  if (!parsed.success) throw new Error(`invalid ${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
