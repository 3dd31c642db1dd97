/**
 * The list conventions every listing procedure shares: optional search, a sort field and
 * direction, and an optional page. Without `perPage` every match is returned (the dashboard wants
 * them all; REST list endpoints always page).
 */
import { z } from "zod";

export const MAX_PAGE_SIZE = 200;

export const pagingFields = {
  sortOrder: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("asc"),
  page: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").default(1),
  perPage: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`).optional(),
};

export const searchField = z.string({ error: "must be a string" }).trim().max(200, "must be at most 200 characters").optional();

export type Paging = { page: number; perPage?: number };

/** `{ items, total, page, perPage, pages }` around any item schema. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), perPage: z.number().int(), pages: z.number().int() });
}
export type Page<T> = { items: T[]; total: number; page: number; perPage: number; pages: number };
