/**
 * A surface's route table: the routes its procedures declare in their metadata plus the
 * surface's custom routes, compiled once and ordered so that literal segments win over
 * parameters. The same entries drive the dispatcher and the OpenAPI document.
 */
import type { z } from "zod";
import { appRouter, type createCaller } from "../routers";
import { compareSpecificity, compileTemplate, type CompiledTemplate } from "./path-template";
import type { ApiRoute, MinRole, ProcedureMeta, SurfaceName, SurfaceRoute } from "./route-types";
import type { CustomRoute, Surface } from "./surface";

type ProcedureDef = { type: "query" | "mutation" | "subscription"; meta?: ProcedureMeta; inputs: z.ZodType[]; output?: z.ZodType };

/** Every procedure of the application router by its dotted path, with its definition. */
export function procedureDefinitions(): [string, ProcedureDef][] {
  return Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>).map(([path, procedure]) => [path, procedure._def]);
}

export function metaOf(procedurePath: string): ProcedureMeta & { minRole: MinRole } {
  const meta = (appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef } | undefined>)[procedurePath]?._def.meta;
  if (!meta?.minRole) throw new Error(`unknown procedure '${procedurePath}'`);
  return meta as ProcedureMeta & { minRole: MinRole };
}

export function minRoleOf(procedurePath: string): MinRole {
  return metaOf(procedurePath).minRole;
}

/** Calls a procedure by its dotted path through a server-side caller (roles, validation and audit included). */
export function invokeProcedure(caller: ReturnType<typeof createCaller>, procedurePath: string, input: unknown): Promise<unknown> {
  const fn = procedurePath.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

export type ProcedureRoute = { kind: "procedure"; api: ApiRoute; template: CompiledTemplate; procedurePath: string; declared: SurfaceRoute };
export type HandlerRoute = { kind: "custom"; api: ApiRoute; template: CompiledTemplate; custom: CustomRoute };
export type CompiledRoute = ProcedureRoute | HandlerRoute;

/** Body schema for the docs: the procedure's own input (the last parser), without the fields the path supplies. */
function documentedBody(def: ProcedureDef, declared: SurfaceRoute, pathParams: string[]): z.ZodType | undefined {
  if (declared.method === "GET" || declared.method === "DELETE" || declared.input) return undefined;
  const input = def.inputs.at(-1);
  if (!input) return undefined;
  const shape = (input as unknown as { shape?: Record<string, unknown>; omit?: (mask: Record<string, true>) => z.ZodType }).shape;
  const supplied = Object.fromEntries(pathParams.filter((name) => shape && name in shape).map((name) => [name, true as const]));
  return Object.keys(supplied).length > 0 ? (input as unknown as { omit: (mask: Record<string, true>) => z.ZodType }).omit(supplied) : input;
}

function procedureRoutes(surface: SurfaceName): ProcedureRoute[] {
  return procedureDefinitions().flatMap(([procedurePath, def]) => {
    const declared = def.meta?.routes?.[surface];
    const minRole = def.meta?.minRole;
    if (!declared || !minRole) return [];
    return [declared].flat().map((route): ProcedureRoute => {
      const template = compileTemplate(route.path);
      return {
        kind: "procedure",
        procedurePath,
        declared: route,
        template,
        api: {
          surface,
          method: route.method,
          path: route.path,
          summary: route.summary ?? def.meta!.summary ?? procedurePath,
          minRole,
          status: route.status ?? 200,
          kind: "json",
          pathParams: template.pathParams,
          query: route.query,
          body: route.body ?? documentedBody(def, route, template.pathParams),
          response: route.present?.schema ?? def.output,
          tag: def.meta!.tag ?? "General",
        },
      };
    });
  });
}

function customRoutes(surface: Surface): HandlerRoute[] {
  return surface.customRoutes.map((custom) => {
    const template = compileTemplate(custom.path);
    const { access, handle: _handle, envelope: _envelope, rateLimit: _rateLimit, ...documented } = custom;
    const minRole = access === "public" ? "public" : minRoleOf(access.procedure);
    return { kind: "custom", custom, template, api: { ...documented, surface: surface.name, minRole, pathParams: template.pathParams } };
  });
}

export function buildRouteTable(surface: Surface): CompiledRoute[] {
  const routes: CompiledRoute[] = [...procedureRoutes(surface.name), ...customRoutes(surface)];
  const seen = new Set<string>();
  for (const route of routes) {
    // Two routes for one method and shape would make one of them unreachable.
    const key = `${route.api.method} ${route.template.segments.map((s) => ("literal" in s ? s.literal : "{}")).join("/")}`;
    if (seen.has(key)) throw new Error(`${surface.name}: two routes for ${key}`);
    seen.add(key);
  }
  return routes.sort((a, b) => compareSpecificity(a.template, b.template));
}
