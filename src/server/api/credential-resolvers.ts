/** The user-credential stores behind bearer tokens and API keys (wired when those stores exist). */
import type { CredentialResolvers } from "./credentials";

export const credentialResolvers: CredentialResolvers = {
  bearer: async () => null,
  apiKey: async () => null,
};
