/** The user-credential stores behind bearer tokens (/api/v1 JWTs) and API keys. */
import { authenticateApiKey } from "../auth/api-key-auth";
import { getJwtKey } from "../auth/jwt";
import { authenticateAccessToken } from "../services/api-tokens";
import type { CredentialResolvers } from "./credentials";

export const credentialResolvers: CredentialResolvers = {
  bearer: (db, token) => authenticateAccessToken(db, getJwtKey(), token),
  apiKey: (db, key) => authenticateApiKey(db, key),
};
