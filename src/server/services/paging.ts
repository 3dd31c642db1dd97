/** Runs a list query as one page (or whole, without `perPage`) and counts what matched. */
import type { Page, Paging } from "../contracts/paging";

export type PageWindow = { limit: number; offset: number };

/** `fetch` must order its rows with a unique tie-breaker, so pages never repeat or skip a row. */
export async function paginate<T>(input: Paging, fetch: (window?: PageWindow) => Promise<T[]>, countAll: () => Promise<number>): Promise<Page<T>> {
  if (input.perPage === undefined) {
    const items = await fetch();
    return { items, total: items.length, page: 1, perPage: items.length, pages: items.length > 0 ? 1 : 0 };
  }
  const [items, total] = await Promise.all([fetch({ limit: input.perPage, offset: (input.page - 1) * input.perPage }), countAll()]);
  return { items, total, page: input.page, perPage: input.perPage, pages: Math.ceil(total / input.perPage) };
}
