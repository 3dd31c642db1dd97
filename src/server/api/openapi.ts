/** Placeholder until the generator lands (replaced on merge). */
import type { ApiRoute, SurfaceDescriptor } from "./route-types";

export function buildOpenApiDocument(surface: SurfaceDescriptor, routes: ApiRoute[], options: { version: string; serverUrl?: string }): object {
  return { openapi: "3.1.0", info: { title: surface.title, version: options.version }, paths: Object.fromEntries(routes.map((r) => [surface.mount + r.path, {}])) };
}
