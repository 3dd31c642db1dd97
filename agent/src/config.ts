/**
 * `server.json`: where the gateway is and the one-time enrollment token (from the download ZIP).
 * The token is removed from the file once the agent has its own secret: a copy of the folder must
 * not be able to enroll another machine.
 */
import { z } from "zod";
import { readJsonFile, writeJsonFileAtomically } from "./json-file";

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

/**
 * Rewrites the file without `enrollmentToken`, keeping everything else in it. Answers whether
 * there was a token to remove.
 */
export async function forgetEnrollmentToken(path: string): Promise<boolean> {
  const data = await readJsonFile(path);
  if (typeof data !== "object" || data === null || !("enrollmentToken" in data)) return false;
  const { enrollmentToken: _removed, ...rest } = data;
  await writeJsonFileAtomically(path, rest);
  return true;
}
