import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "./openapi";
import type { ApiRoute, SurfaceDescriptor } from "./route-types";

/* eslint-disable @typescript-eslint/no-explicit-any -- the document is plain JSON, navigated freely */

const agent = z
  .object({
    agent_id: z.string(),
    hostname: z.string(),
    last_seen: z.date().nullable(),
    tags: z.array(z.string()).default([]),
  })
  .meta({ id: "Agent" });

const v1: SurfaceDescriptor = {
  name: "v1",
  title: "Test API v1",
  mount: "/api/v1",
  security: ["bearer", "apiKey"],
  envelope: (payload) => z.object({ data: payload, message: z.string(), status: z.literal("ok") }),
  errorSchema: z.object({ detail: z.string(), status: z.literal("error"), code: z.string() }),
  validationStatus: 422,
  rateLimited: true,
  responseHeaders: { "X-RateLimit-Limit": "Requests allowed per window.", "X-RateLimit-Remaining": "Requests left in the window." },
};

const spec000: SurfaceDescriptor = {
  name: "spec000",
  title: "Test API (spec 000)",
  mount: "",
  security: ["cookie", "apiKey"],
  envelope: (payload) => payload,
  errorSchema: z.object({ error: z.string(), details: z.array(z.object({ field: z.string(), message: z.string() })).optional() }),
  validationStatus: 400,
};

function route(overrides: Partial<ApiRoute> & Pick<ApiRoute, "method" | "path">): ApiRoute {
  return { surface: "v1", summary: `${overrides.method} ${overrides.path}`, minRole: "viewer", status: 200, kind: "json", pathParams: [], tag: "Agents", ...overrides };
}

const v1Routes: ApiRoute[] = [
  route({
    method: "GET",
    path: "/agents/",
    query: z.object({
      page: z.coerce.number().int().min(1).default(1).describe("Page number, from 1."),
      search: z.string().optional(),
      ids: z.string().transform((value) => value.split(",")).optional(),
    }),
    response: z.array(agent),
  }),
  route({ method: "GET", path: "/agents/{agent_id}/", pathParams: ["agent_id"], response: agent }),
  route({ method: "DELETE", path: "/agents/{agent_id}/", pathParams: ["agent_id"], minRole: "admin", status: 204 }),
  route({
    method: "POST",
    path: "/agents/{agent_id}/commands",
    pathParams: ["agent_id"],
    minRole: "operator",
    status: 201,
    body: z.object({ command: z.string().min(1), timeout: z.number().int().default(30), args: z.string().transform((value) => value.split(" ")) }),
    response: z.object({ id: z.string(), queued_at: z.date() }),
  }),
  route({ method: "GET", path: "/agents/{agent_id}/logs/stream", pathParams: ["agent_id"], kind: "sse", response: z.object({ line: z.string() }) }),
  route({ method: "GET", path: "/agent/download", kind: "binary", tag: "Enrollment" }),
  route({ method: "GET", path: "/auth/sso", kind: "redirect", status: 302, minRole: "public", tag: "Auth" }),
  route({ method: "POST", path: "/auth/login", minRole: "public", tag: "Auth", body: z.object({ username: z.string(), password: z.string() }), response: z.object({ access_token: z.string() }) }),
  route({ surface: "v3", method: "GET", path: "/other-surface" }),
];

const doc: any = buildOpenApiDocument(v1, v1Routes, { version: "1.2.3", serverUrl: "https://rmm.example" });
const op = (path: string, method: string) => doc.paths[path][method];

/** Follows a local `$ref` such as `#/components/schemas/Agent`. */
function resolve(ref: string): any {
  return ref
    .slice(2)
    .split("/")
    .reduce((node: any, key) => node?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], doc);
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) => (key === "$ref" && typeof item === "string" ? [item] : refsIn(item)));
}

describe("buildOpenApiDocument", () => {
  it("passes the OpenAPI 3.1 schema validator, and every $ref points at something", async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    for (const ref of refsIn(doc)) expect(resolve(ref), ref).toBeDefined();
  });

  it("names the surface, its version and server, and documents only the surface's routes at mount + path", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toEqual({ title: "Test API v1", version: "1.2.3" });
    expect(doc.servers).toEqual([{ url: "https://rmm.example" }]);
    expect(Object.keys(doc.paths)).toEqual([
      "/api/v1/agents/",
      "/api/v1/agents/{agent_id}/",
      "/api/v1/agents/{agent_id}/commands",
      "/api/v1/agents/{agent_id}/logs/stream",
      "/api/v1/agent/download",
      "/api/v1/auth/sso",
      "/api/v1/auth/login",
    ]);
    expect(Object.keys(doc.paths["/api/v1/agents/{agent_id}/"])).toEqual(["get", "delete"]);
    expect(doc.tags).toEqual([{ name: "Agents" }, { name: "Enrollment" }, { name: "Auth" }]);
  });

  it("documents query parameters as a client sends them: defaults optional, strings before transforms", () => {
    const parameters = op("/api/v1/agents/", "get").parameters;
    expect(parameters).toEqual([
      { name: "page", in: "query", required: false, description: "Page number, from 1.", schema: { type: "integer", default: 1, minimum: 1, description: "Page number, from 1." } },
      { name: "search", in: "query", required: false, schema: { type: "string" } },
      { name: "ids", in: "query", required: false, schema: { type: "string" } },
    ]);
  });

  it("documents path parameters as required strings and the JSON body in its input shape", () => {
    const post = op("/api/v1/agents/{agent_id}/commands", "post");
    expect(post.parameters).toEqual([{ name: "agent_id", in: "path", required: true, schema: { type: "string" } }]);
    expect(post.requestBody.required).toBe(true);
    const body = post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["command", "args"]);
    expect(body.properties.timeout).toEqual({ type: "integer", default: 30 });
    expect(body.properties.args).toEqual({ type: "string" });
  });

  it("wraps success payloads in the surface's envelope, with dates as date-time strings and shared schemas as components", () => {
    const created = op("/api/v1/agents/{agent_id}/commands", "post").responses["201"];
    const envelope = created.content["application/json"].schema;
    expect(envelope.required).toEqual(["data", "message", "status"]);
    expect(envelope.properties.status).toMatchObject({ const: "ok" });
    expect(envelope.properties.data.properties.queued_at).toEqual({ type: "string", format: "date-time" });

    const list = op("/api/v1/agents/", "get").responses["200"].content["application/json"].schema;
    expect(list.properties.data).toEqual({ type: "array", items: { $ref: "#/components/schemas/Agent" } });
    const agentSchema = doc.components.schemas.Agent;
    expect(agentSchema.properties.last_seen).toEqual({ anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] });
    // An answer always carries the defaulted field.
    expect(agentSchema.required).toContain("tags");
  });

  it("documents the errors each operation can answer", () => {
    const statuses = (path: string, method: string) => Object.keys(op(path, method).responses).sort();
    expect(statuses("/api/v1/agents/", "get")).toEqual(["200", "401", "403", "422", "429"]);
    expect(statuses("/api/v1/agents/{agent_id}/", "delete")).toEqual(["204", "401", "403", "404", "422", "429"]);
    expect(statuses("/api/v1/agent/download", "get")).toEqual(["200", "401", "403", "429"]);
    expect(statuses("/api/v1/auth/login", "post")).toEqual(["200", "422", "429"]);
    expect(op("/api/v1/agents/", "get").responses["403"]).toEqual({ $ref: "#/components/responses/Forbidden" });

    const validation = doc.components.responses.ValidationError;
    expect(resolve(validation.content["application/json"].schema.$ref).required).toEqual(["detail", "status", "code"]);
    expect(Object.keys(doc.components.responses.TooManyRequests.headers)).toEqual(["X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After"]);
    expect(Object.keys(op("/api/v1/agents/", "get").responses["200"].headers)).toEqual(["X-RateLimit-Limit", "X-RateLimit-Remaining"]);
  });

  it("requires the surface's credentials except on public routes, and says which role", () => {
    expect(op("/api/v1/agents/", "get").security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(op("/api/v1/auth/login", "post").security).toEqual([]);
    expect(op("/api/v1/agents/{agent_id}/", "delete").description).toContain("admin");
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["bearer", "apiKey"]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "apiKey", in: "header", name: "X-API-KEY" });
  });

  it("gives streams, downloads and redirects their own content types", () => {
    const stream = op("/api/v1/agents/{agent_id}/logs/stream", "get").responses["200"].content;
    expect(Object.keys(stream)).toEqual(["text/event-stream"]);
    expect(stream["text/event-stream"]["x-event-data"].properties.line).toEqual({ type: "string" });
    expect(Object.keys(op("/api/v1/agent/download", "get").responses["200"].content)).toEqual(["application/octet-stream"]);
    const redirect = op("/api/v1/auth/sso", "get").responses;
    expect(redirect["302"].headers.Location).toBeDefined();
    expect(redirect["302"].content).toBeUndefined();
  });

  it("derives unique operation ids from method and path, the same on every run", () => {
    const ids = Object.values(doc.paths).flatMap((item: any) => Object.values(item).map((operation: any) => operation.operationId));
    expect(ids).toEqual([
      "getAgents",
      "getAgentsByAgentId",
      "deleteAgentsByAgentId",
      "postAgentsByAgentIdCommands",
      "getAgentsByAgentIdLogsStream",
      "getAgentDownload",
      "getAuthSso",
      "postAuthLogin",
    ]);
    const twins = buildOpenApiDocument(v1, [route({ method: "GET", path: "/agents" }), route({ method: "GET", path: "/agents/" })], { version: "1" }) as any;
    expect([twins.paths["/api/v1/agents"].get.operationId, twins.paths["/api/v1/agents/"].get.operationId]).toEqual(["getAgents", "getAgents2"]);
    expect(buildOpenApiDocument(v1, v1Routes, { version: "1.2.3", serverUrl: "https://rmm.example" })).toEqual(doc);
  });

  it("leaves out rate limiting and uses 400 on a surface without them, and marks an optional body", async () => {
    const routes = [
      route({ surface: "spec000", method: "POST", path: "/groups", body: z.object({ name: z.string() }).optional() }),
      route({ surface: "spec000", method: "GET", path: "/groups" }),
    ];
    const plain: any = buildOpenApiDocument(spec000, routes, { version: "1" });
    expect(plain.servers).toBeUndefined();
    expect(Object.keys(plain.paths["/groups"].post.responses).sort()).toEqual(["200", "400", "401", "403"]);
    expect(plain.paths["/groups"].post.requestBody.required).toBe(false);
    expect(plain.paths["/groups"].get.responses["200"].headers).toBeUndefined();
    expect(plain.components.responses.TooManyRequests).toBeUndefined();
    expect((await new Validator().validate(plain)).valid).toBe(true);
  });

  it("lifts recursive schemas into components with references that resolve", async () => {
    type Tree = { name: string; children: Tree[] };
    const tree: z.ZodType<Tree> = z.object({ name: z.string(), get children() { return z.array(tree); } });
    const recursive: any = buildOpenApiDocument(spec000, [route({ surface: "spec000", method: "GET", path: "/tree", response: tree }), route({ surface: "spec000", method: "GET", path: "/forest", response: z.object({ trees: z.array(tree) }) })], { version: "1" });
    const schema = recursive.paths["/tree"].get.responses["200"].content["application/json"].schema;
    const lifted = recursive.components.schemas[schema.$ref.split("/").pop()];
    expect(lifted.properties.children.items).toEqual(schema);
    const forest = recursive.paths["/forest"].get.responses["200"].content["application/json"].schema;
    expect(forest.properties.trees.items).toEqual(schema);
    expect((await new Validator().validate(recursive)).valid).toBe(true);
  });

  it("keeps a shared schema once per shape: as received, and as sent when that differs", () => {
    const shared: any = buildOpenApiDocument(
      spec000,
      [
        route({ surface: "spec000", method: "PUT", path: "/agents/{agent_id}", pathParams: ["agent_id"], body: agent, response: agent }),
        route({ surface: "spec000", method: "GET", path: "/agents/{agent_id}", pathParams: ["agent_id"], response: agent }),
      ],
      { version: "1" },
    );
    const put = shared.paths["/agents/{agent_id}"].put;
    expect(put.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/AgentInput" });
    expect(put.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Agent" });
    expect(shared.components.schemas.AgentInput.required).not.toContain("tags");
    expect(Object.keys(shared.components.schemas).sort()).toEqual(["Agent", "AgentInput", "Error"]);
  });

  it("refuses route tables it cannot document truthfully", () => {
    expect(() => buildOpenApiDocument(v1, [route({ method: "GET", path: "/agents/{agent_id}" })], { version: "1" })).toThrow(/pathParams/);
    expect(() => buildOpenApiDocument(v1, [route({ method: "GET", path: "/a" }), route({ method: "GET", path: "/a" })], { version: "1" })).toThrow(/declared twice/);
    expect(() => buildOpenApiDocument(v1, [route({ method: "GET", path: "/a", query: z.string() })], { version: "1" })).toThrow(/object schema/);
  });
});
