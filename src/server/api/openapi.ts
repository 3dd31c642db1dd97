/**
 * The OpenAPI 3.1 document of one API surface, generated from its route table: the same zod
 * schemas that validate requests and shape answers describe them here, so the document cannot
 * drift from what the server does. Inputs are documented as clients send them (defaults optional,
 * before transforms), answers as clients receive them.
 */
import { z } from "zod";
import { ComponentSchemas, toOpenApiSchema, type JsonSchema } from "./openapi-schema";
import type { ApiRoute, HttpMethod, SurfaceDescriptor } from "./route-types";

type Credential = SurfaceDescriptor["security"][number];
type Operation = Record<string, unknown>;

const SECURITY_SCHEMES: Record<Credential, JsonSchema> = {
  cookie: { type: "apiKey", in: "cookie", name: "rmm-session", description: "The session cookie set by signing in." },
  bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "An access token from the surface's login." },
  apiKey: { type: "apiKey", in: "header", name: "X-API-KEY", description: "An API key created in the dashboard." },
  agentKey: { type: "apiKey", in: "header", name: "X-Agent-Key", description: "The key an agent received when it enrolled." },
};


/** Error answers shared by the operations, as `components.responses`. */
const ERROR_RESPONSES = {
  validation: { name: "ValidationError", description: "The request's parameters or body are invalid." },
  unauthorized: { name: "Unauthorized", description: "No valid credentials were sent." },
  forbidden: { name: "Forbidden", description: "The caller's role does not allow this." },
  notFound: { name: "NotFound", description: "No such resource." },
  rateLimited: { name: "TooManyRequests", description: "Too many requests; retry after the number of seconds in `Retry-After`." },
} as const;

const responseRef = (key: keyof typeof ERROR_RESPONSES) => ({ $ref: `#/components/responses/${ERROR_RESPONSES[key].name}` });

/** `GET /agents/{agent_id}/` -> `getAgentsByAgentId`: stable across runs, so clients can rely on it. */
function operationIdFor(method: HttpMethod, path: string): string {
  const words = path
    .split("/")
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? ["by", ...(param[1] ?? "").split(/[^A-Za-z0-9]+/)] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  const capitalised = (words.length ? words : ["root"]).map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return method.toLowerCase() + capitalised.join("");
}

function templateParams(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? "");
}

function acceptsAbsentBody(body: z.ZodType): boolean {
  return body.safeParse(undefined).success;
}

function queryParameters(route: ApiRoute, components: ComponentSchemas): Operation[] {
  if (!route.query) return [];
  const schema = toOpenApiSchema(route.query, "input", components);
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (schema.type !== "object" || !properties) {
    throw new Error(`${route.method} ${route.path}: the query schema must be an object schema`);
  }
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

class DocumentBuilder {
  readonly components = new ComponentSchemas();
  readonly headers: Record<string, JsonSchema>;
  readonly rateLimited: boolean;

  constructor(readonly surface: SurfaceDescriptor) {
    this.headers = Object.fromEntries(
      Object.entries(surface.responseHeaders ?? {}).map(([name, description]) => [name, { description, schema: { type: "string" } }]),
    );
    this.rateLimited = surface.rateLimited === true;
  }

  errorResponses(): Record<string, JsonSchema> {
    const error = this.components.add("Error", () => toOpenApiSchema(this.surface.errorSchema, "output", this.components));
    const content = { "application/json": { schema: { $ref: `#/components/schemas/${error}` } } };
    return Object.fromEntries(
      Object.entries(ERROR_RESPONSES)
        .filter(([key]) => key !== "rateLimited" || this.rateLimited)
        .map(([key, { name, description }]) => {
          const retryAfter = key === "rateLimited" ? { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } : {};
          const headers = { ...this.headers, ...retryAfter };
          return [name, { description, ...(Object.keys(headers).length ? { headers } : {}), content }];
        }),
    );
  }

  successResponse(route: ApiRoute): [string, JsonSchema] {
    const headers = Object.keys(this.headers).length ? { headers: this.headers } : {};
    switch (route.kind) {
      case "redirect": {
        const status = route.status >= 300 && route.status < 400 ? route.status : 302;
        const location = { Location: { description: "Where the client is sent.", schema: { type: "string" } } };
        return [String(status), { description: "Redirect", headers: { ...this.headers, ...location } }];
      }
      case "binary":
        return [String(route.status), { description: "A file", ...headers, content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } } }];
      case "sse": {
        const data = route.response ? { "x-event-data": toOpenApiSchema(route.response, "output", this.components) } : {};
        const description = route.response ? "A stream of server-sent events; the `data` of each event is JSON described by `x-event-data`." : "A stream of server-sent events.";
        return [String(route.status), { description, ...headers, content: { "text/event-stream": { schema: { type: "string" }, ...data } } }];
      }
      case "json": {
        if (route.status === 204) return ["204", { description: "No content", ...headers }];
        const payload = this.surface.envelope(route.response ?? z.unknown());
        const schema = toOpenApiSchema(payload, "output", this.components);
        return [String(route.status), { description: "Success", ...headers, content: { "application/json": { schema } } }];
      }
    }
  }

  operation(route: ApiRoute, operationId: string): Operation {
    const declared = templateParams(route.path);
    if (declared.join() !== route.pathParams.join()) {
      throw new Error(`${route.method} ${route.path}: pathParams [${route.pathParams}] do not match the template`);
    }
    const parameters = [
      ...route.pathParams.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      ...queryParameters(route, this.components),
    ];
    const isPublic = route.minRole === "public";
    const byAgent = route.minRole === "agent";
    const roleNote = isPublic ? "No credentials needed." : byAgent ? "Called by the agent itself, with its X-Agent-Key." : `Requires the ${route.minRole} role or higher.`;
    const responses: Record<string, unknown> = Object.fromEntries([this.successResponse(route)]);
    if (parameters.length || route.body) responses[String(this.surface.validationStatus)] = responseRef("validation");
    if (!isPublic) {
      responses["401"] = responseRef("unauthorized");
      responses["403"] = responseRef("forbidden");
    }
    if (route.pathParams.length) responses["404"] = responseRef("notFound");
    if (this.rateLimited) responses["429"] = responseRef("rateLimited");

    return {
      operationId,
      summary: route.summary,
      description: route.description ? `${route.description}\n\n${roleNote}` : roleNote,
      tags: [route.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: !acceptsAbsentBody(route.body),
              content: { "application/json": { schema: toOpenApiSchema(route.body, "input", this.components) } },
            },
          }
        : {}),
      responses,
      security: isPublic ? [] : byAgent ? [{ agentKey: [] }] : this.surface.security.filter((scheme) => scheme !== "agentKey").map((scheme) => ({ [scheme]: [] })),
    };
  }
}

/** The OpenAPI 3.1 document of `surface`, describing `routes` (those of other surfaces are ignored). */
export function buildOpenApiDocument(
  surface: SurfaceDescriptor,
  routes: ApiRoute[],
  options: { version: string; serverUrl?: string },
): Record<string, unknown> {
  const builder = new DocumentBuilder(surface);
  const paths: Record<string, Record<string, Operation>> = {};
  const operationIds = new Set<string>();
  const tags: string[] = [];

  for (const route of routes.filter((candidate) => candidate.surface === surface.name)) {
    const path = surface.mount + route.path;
    const method = route.method.toLowerCase();
    const item = (paths[path] ??= {});
    if (item[method]) throw new Error(`${route.method} ${path} is declared twice`);

    const base = operationIdFor(route.method, route.path);
    let operationId = base;
    for (let n = 2; operationIds.has(operationId); n++) operationId = `${base}${n}`;
    operationIds.add(operationId);
    if (!tags.includes(route.tag)) tags.push(route.tag);

    item[method] = builder.operation(route, operationId);
  }

  return {
    openapi: "3.1.0",
    info: { title: surface.title, version: options.version },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: builder.components.schemas,
      responses: builder.errorResponses(),
      securitySchemes: Object.fromEntries(surface.security.map((scheme) => [scheme, SECURITY_SCHEMES[scheme]])),
    },
  };
}
