/**
 * The list conventions of the REST surfaces, declared once: `/api/v1`'s `page`, `per_page` (max
 * 200), `sort_by`, `sort_order`, `search` and field filters, mapped onto a procedure's camelCase
 * list input.
 */
import { z } from "zod";
import type { RouteRequest } from "../route-types";

export const MAX_PER_PAGE = 200;
export const DEFAULT_PER_PAGE = 50;

const positiveInt = (max?: number) => {
  const base = z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1");
  return max ? base.max(max, `must be at most ${max}`) : base;
};

/**
 * `sortBy` maps the surface's sort names to the procedure's; `filters` are extra query fields
 * (already in the procedure's names after `renameFilters`).
 */
export function v1ListQuery<S extends Record<string, string>, F extends z.ZodRawShape>(options: { sortBy: S; filters: F; renameFilters?: Record<string, string> }) {
  const sortNames = Object.keys(options.sortBy) as [string, ...string[]];
  const query = z.object({
    page: positiveInt().default(1),
    per_page: positiveInt(MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
    sort_by: z.enum(sortNames, { error: `must be one of ${sortNames.join(", ")}` }).optional(),
    sort_order: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("asc"),
    search: z.string().trim().max(200, "must be at most 200 characters").optional(),
    ...options.filters,
  });
  const input = ({ query: parsed }: RouteRequest) => {
    const { page, per_page, sort_by, sort_order, search, ...filters } = parsed as { page: number; per_page: number; sort_by?: string; sort_order: "asc" | "desc"; search?: string };
    const renamed = Object.fromEntries(Object.entries(filters).map(([key, value]) => [options.renameFilters?.[key] ?? key, value]));
    return { ...renamed, page, perPage: per_page, sortBy: sort_by ? options.sortBy[sort_by] : undefined, sortOrder: sort_order, search: search || undefined };
  };
  return { query, input };
}

/** Path parameter `from` of the surface becomes the procedure's `agentId`. */
export function agentIdFrom(param: string) {
  return ({ params, body }: RouteRequest) => ({ ...(body && typeof body === "object" && !Array.isArray(body) ? body : {}), agentId: params[param] });
}

/** A numeric path parameter (`/clients/{id}/`) as the number the procedure expects; anything else is left for its validation to refuse. */
export function numericParam(value: string | undefined): unknown {
  return value !== undefined && /^\d{1,10}$/.test(value) ? Number(value) : value;
}

/** A numeric id in a query string (`?client=34`). */
export function idQuery(what: string) {
  return z.coerce.number({ error: `must be a ${what} id` }).int(`must be a ${what} id`).min(1, `must be a ${what} id`).max(2 ** 31 - 1, `must be a ${what} id`);
}
