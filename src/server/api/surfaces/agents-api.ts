/**
 * Specification 002's `/api/agents`: a session cookie, a bearer token or an API key for people and
 * integrations; an agent's own `X-Agent-Key` for the agent's calls. Plain JSON, errors `{ error, details }`.
 */
import { errorWithDetails } from "../error-shapes";
import type { Surface } from "../surface";
import { installScriptRoute } from "./deployment-routes";
import { agentsApiFileRoutes } from "./file-routes";
import { openApiRoute } from "./openapi-route";
import { spec000Surface } from "./spec000";

export const agentsApiSurface: Surface = {
  name: "agents",
  title: "Agents API (/api/agents, specification 002)",
  mount: "/api/agents",
  security: ["cookie", "bearer", "apiKey", "agentKey"],
  envelope: (payload) => payload,
  errorSchema: spec000Surface.errorSchema,
  validationStatus: 400,
  successBody: (payload) => payload,
  errorBody: errorWithDetails,
  customRoutes: [installScriptRoute, ...agentsApiFileRoutes, openApiRoute(() => agentsApiSurface)],
};
