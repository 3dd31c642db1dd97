/**
 * How every bearer secret (session token, enrollment token, agent secret, API key) is stored: as
 * its SHA-256. The secrets are long random strings, so a fast hash suffices and allows lookup by
 * hash; a stolen database does not reveal a usable secret.
 */
import { createHash } from "node:crypto";

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
