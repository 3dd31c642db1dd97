import type { z } from "zod";
import type { Role } from "../auth/roles";
export type SurfaceName = "spec000" | "v1" | "v3" | "agents";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** What a route answers: JSON (in the surface's envelope), a server-sent-event stream, a binary download, or a redirect. */
export type RouteKind = "json" | "sse" | "binary" | "redirect";
export type ApiRoute = {
  surface: SurfaceName;
  method: HttpMethod;
  /** Path template relative to the surface's mount, with `{name}` parameters, e.g. "/agents/{agent_id}/". */
  path: string;
  summary: string;
  description?: string;
  /** "public" for routes that need no credentials (sign-in). */
  minRole: Role | "public";
  status: number;
  kind: RouteKind;
  /** Names of the path parameters, in order. */
  pathParams: string[];
  /** zod schema of the query string (GET) – an object schema; absent when none. */
  query?: z.ZodType;
  /** zod schema of the JSON body; absent when none. */
  body?: z.ZodType;
  /** zod schema of the success payload as the client sees it INSIDE the surface envelope (before wrapping). */
  response?: z.ZodType;
  /** Tag for grouping in docs, e.g. "Agents". */
  tag: string;
};
export type SurfaceDescriptor = {
  name: SurfaceName;
  title: string;          // e.g. "RMM API (specification 000)"
  mount: string;          // "" | "/api/v1" | "/api/v3" | "/api/agents"
  /** Security schemes the surface accepts, as OpenAPI components (cookie rmm-session, bearer JWT, apiKey X-API-KEY, apiKey X-Agent-Key). */
  security: ("cookie" | "bearer" | "apiKey" | "agentKey")[];
  /** Wraps a success payload schema in the surface's envelope (v1: { data, message, status: "ok" }; others: identity). */
  envelope: (payload: z.ZodType) => z.ZodType;
  /** The surface's error body schema: spec000/agents { error, details? }, v1 { detail, status: "error", code }, v3 { detail }. */
  errorSchema: z.ZodType;
  /** Validation error status: 400, or 422 on v1. */
  validationStatus: number;
  /** Headers documented on every answer (v1: X-RateLimit-Limit/Remaining/Reset). */
  responseHeaders?: Record<string, string>;
};
