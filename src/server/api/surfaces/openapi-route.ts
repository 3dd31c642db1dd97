/** `GET <mount>/openapi.json` of a surface: its document, generated from its own route table. */
import { buildOpenApiDocument } from "../openapi";
import type { CustomRoute, Surface } from "../surface";
import { getConfig } from "../../config";
import { z } from "zod";

/** The version of the documented API contract (not of the product build). */
const API_VERSION = "1.0.0";

export function openApiRoute(surface: () => Surface): CustomRoute {
  return {
    method: "GET",
    path: "/openapi.json",
    summary: "This surface's OpenAPI 3.1 document",
    tag: "Documentation",
    status: 200,
    kind: "json",
    access: "public",
    envelope: false,
    response: z.object({ openapi: z.string() }).loose(),
    handle: async ({ routes }) => ({ payload: buildOpenApiDocument(surface(), routes(), { version: API_VERSION, serverUrl: getConfig().publicUrl }) }),
  };
}
