/**
 * The vocabulary of the API platform: the surfaces (spec 000 at the root, /api/v1, /api/v3,
 * /api/agents), the routes a procedure declares in its metadata, and the flattened route entries
 * that the dispatcher matches and the OpenAPI generator documents.
 */
import type { z } from "zod";
import type { Role } from "../auth/roles";
import type { ApiRateLimitName } from "../rate-limit/api-limits";

export type SurfaceName = "spec000" | "v1" | "v3" | "agents";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** What a route answers: JSON (in the surface's envelope), a server-sent-event stream, a binary download, or a redirect. */
export type RouteKind = "json" | "sse" | "binary" | "redirect";

/** The parts of a request a route maps onto a procedure's input. */
export type RouteRequest = {
  params: Record<string, string>;
  /** The query string, validated by the route's `query` schema when it has one. */
  query: Record<string, unknown>;
  /** The parsed JSON body (undefined when there is none). */
  body: unknown;
};

/** Turns a procedure's output into what one surface answers, with the schema the docs show. */
export type Presenter<Output = never> = {
  schema: z.ZodType;
  present: (output: Output) => unknown;
};

/**
 * A limit of one route, counted after the surface's own: per API key (requests without one are not
 * counted) or per client address (public routes).
 */
export type RouteRateLimit = { name: ApiRateLimitName; per: "api-key" | "client-ip" };

/**
 * How a procedure is exposed on one surface (declared in the procedure's metadata). Without
 * `input`, the procedure receives the path parameters merged into the query (GET, DELETE) or into
 * the JSON body (other methods); without `present`, its output as it is.
 */
export type SurfaceRoute = {
  method: HttpMethod;
  /** Path template relative to the surface's mount, with `{name}` parameters, e.g. "/agents/{agent_id}/". */
  path: string;
  /** Success status; 200 by default. */
  status?: number;
  summary?: string;
  /** Query parameters with the surface's own names (coerced from strings). */
  query?: z.ZodObject;
  input?: (request: RouteRequest) => unknown;
  /** The body the docs show when `input` reshapes it (otherwise the procedure's own input is shown). */
  body?: z.ZodType;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a presenter is checked against its procedure's output by tests, not by the type system
  present?: Presenter<any>;
  rateLimit?: RouteRateLimit;
};

/** A user role; "public" for no credentials; "agent" for an agent calling for itself with its key. */
export type MinRole = Role | "public" | "agent";

/** The metadata every tRPC procedure carries: its role, and where each REST surface exposes it. */
export type ProcedureMeta = {
  /** Set by the procedure builders (src/server/trpc.ts), never by a procedure itself. */
  minRole?: MinRole;
  /**
   * The procedure reaches every client's data (user administration, the audit log, creating
   * clients): refused (403) to actors restricted to some clients.
   */
  allClients?: true;
  summary?: string;
  /** Documentation group, e.g. "Agents". */
  tag?: string;
  routes?: Partial<Record<SurfaceName, SurfaceRoute | SurfaceRoute[]>>;
};

/** One documented, routable operation of a surface (flattened from metadata and custom routes). */
export type ApiRoute = {
  surface: SurfaceName;
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  minRole: MinRole;
  status: number;
  kind: RouteKind;
  pathParams: string[];
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  tag: string;
};

/** What the OpenAPI generator needs to know about a surface. */
export type SurfaceDescriptor = {
  name: SurfaceName;
  title: string;
  mount: string;
  security: CredentialKind[];
  /** Wraps a success payload schema in the surface's envelope (v1: { data, message, status }; others: identity). */
  envelope: (payload: z.ZodType) => z.ZodType;
  errorSchema: z.ZodType;
  /** Validation error status: 400, or 422 on v1. */
  validationStatus: number;
  /** True when the surface answers 429 (documented on every operation). */
  rateLimited?: boolean;
  /** Headers documented on every answer (v1: X-RateLimit-*). */
  responseHeaders?: Record<string, string>;
};

/** The credentials a surface accepts; one auth step turns any of them into the same actor. */
export type CredentialKind = "cookie" | "bearer" | "apiKey" | "agentKey";
