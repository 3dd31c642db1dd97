/**
 * Specification 002's `/api/agents`: a session cookie, a bearer token or an API key for people and
 * integrations; an agent's own `X-Agent-Key` for the agent's calls; `?token=` (a stream token) for
 * the live streams, which browsers open with EventSource. Plain JSON, errors `{ error, details }`.
 */
import { errorWithDetails } from "../error-shapes";
import type { Surface } from "../surface";
import { installScriptRoute } from "./deployment-routes";
import { agentsApiFileRoutes } from "./file-routes";
import { openApiRoute } from "./openapi-route";
import { spec000Surface } from "./spec000";
import { logStreamRoute, metricsStreamRoute } from "./stream-routes";

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
  customRoutes: [installScriptRoute, metricsStreamRoute, logStreamRoute, ...agentsApiFileRoutes, openApiRoute(() => agentsApiSurface)],
};
