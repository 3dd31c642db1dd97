/**
 * Tactical RMM's `/api/v3` (specification 003): `X-API-KEY` on every request, plain JSON with TRMM
 * field names, errors `{ detail }`, trailing slashes as documented (and accepted without).
 */
import { z } from "zod";
import { tacticalError } from "../error-shapes";
import type { Surface } from "../surface";
import { deploymentDownloadRoute } from "./deployment-routes";
import { openApiRoute } from "./openapi-route";
import { surfaceRateLimit } from "./rate-limit";

export const v3Surface: Surface = {
  name: "v3",
  title: "Tactical RMM compatible API (/api/v3, specification 003)",
  mount: "/api/v3",
  security: ["apiKey"],
  envelope: (payload) => payload,
  errorSchema: z.object({ detail: z.string() }),
  validationStatus: 400,
  successBody: (payload) => payload,
  errorBody: tacticalError,
  rateLimited: true,
  customRoutes: [deploymentDownloadRoute, openApiRoute(() => v3Surface)],
  // Per API key, after authentication (a request without a valid key is a 401 and counts nowhere).
  rateLimit: surfaceRateLimit("api-v3", "after-auth", ({ principal }) => principal?.actor?.apiKeyId ?? null),
};
