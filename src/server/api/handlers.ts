/** One request handler per REST surface, for the catch-all route files under src/app. */
import { credentialResolvers } from "./credential-resolvers";
import { createSurfaceHandler } from "./dispatch";
import { agentsApiSurface } from "./surfaces/agents-api";
import { spec000Surface } from "./surfaces/spec000";
import { v1Surface } from "./surfaces/v1";
import { v3Surface } from "./surfaces/v3";

/** next.config.ts rewrites spec 000's root paths here (see SPEC000_PREFIXES). */
export const SPEC000_INTERNAL_MOUNT = "/api/rmm";

export const spec000Handler = createSurfaceHandler(spec000Surface, { credentials: credentialResolvers, internalMount: SPEC000_INTERNAL_MOUNT });
export const v1Handler = createSurfaceHandler(v1Surface, { credentials: credentialResolvers });
export const v3Handler = createSurfaceHandler(v3Surface, { credentials: credentialResolvers });
export const agentsApiHandler = createSurfaceHandler(agentsApiSurface, { credentials: credentialResolvers });
