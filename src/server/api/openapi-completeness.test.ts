/**
 * The OpenAPI documents against the route tables and the specifications: every routed path is
 * documented, every path a specification documents as routed is routed, nothing pending is
 * routed by accident, and each document is valid OpenAPI 3.1.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";
import { buildRouteTable } from "./route-table";
import { SPEC_PATHS } from "./spec-paths";
import type { Surface } from "./surface";
import { agentsApiSurface } from "./surfaces/agents-api";
import { spec000Surface } from "./surfaces/spec000";
import { v1Surface } from "./surfaces/v1";
import { v3Surface } from "./surfaces/v3";

/** Routed paths that no specification lists: our additions, each with its reason. */
const OUR_ADDITIONS: Record<string, string[]> = {
  spec000: [
    "GET /openapi.json",
    "POST /auth/logout" /* the reference dashboard signs out with POST */,
    "DELETE /groups" /* the reference server has it */,
    "POST /agent/download" /* the dashboard's variant: the GET mints a token, so it is refused cross-site */,
    "GET /shell/{agentId}/sessions/{sessionId}/transcript" /* a shell session's whole transcript, linked from the audit log */,
    "POST /shell/{agentId}/resize" /* the dashboard terminal's size follows its panel */,
  ],
  v1: [
    "GET /openapi.json",
    // Specification 001 has no tenancy; /api/v1 carries clients and sites under its own conventions.
    "GET /clients/",
    "POST /clients/",
    "GET /clients/{id}/sites/",
  ],
  v3: [
    "GET /openapi.json",
    "POST /scripts/" /* specification 003 lists scripts made in the dashboard; an API client may make them too */,
    "POST /checks/" /* specification 003 lists checks; an API client may add and remove them too */,
    "DELETE /checks/{id}/",
  ],
  agents: ["GET /openapi.json", "POST /{agent_id}/stream-token" /* EventSource cannot send headers: the streams take a short-lived ?token= */],
};

describe.each([spec000Surface, v1Surface, v3Surface, agentsApiSurface] as Surface[])("$name", (surface) => {
  const routes = buildRouteTable(surface).map((route) => route.api);
  const routed = new Set(routes.map((route) => `${route.method} ${route.path}`));
  const document = buildOpenApiDocument(surface, routes, { version: "1.0.0" }) as { paths: Record<string, Record<string, unknown>> };
  const documented = new Set(Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path.slice(surface.mount.length)}`)));
  const spec = SPEC_PATHS[surface.name];

  it("documents every routed path", () => {
    expect([...routed].filter((key) => !documented.has(key))).toEqual([]);
  });

  it("routes every path the specification documents as routed", () => {
    const missing = Object.entries(spec).filter(([key, state]) => state === "routed" && !routed.has(key));
    expect(missing).toEqual([]);
  });

  it("routes nothing that is neither in the specification as routed nor one of our listed additions", () => {
    const unexpected = [...routed].filter((key) => spec[key] !== "routed" && !OUR_ADDITIONS[surface.name]!.includes(key));
    expect(unexpected).toEqual([]);
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
