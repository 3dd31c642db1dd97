/** The AUTH_SECRET: taken from the environment, or generated once and kept in the data folder. */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { DATA_FILES, readOrCreateSecretFile } from "../server/data-folder";

export async function resolveAuthSecret(dataDir: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  return readOrCreateSecretFile(path.join(dataDir, DATA_FILES.authSecret), () => randomBytes(32).toString("base64url"));
}
