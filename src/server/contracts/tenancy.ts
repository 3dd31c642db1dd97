/**
 * Request and response schemas of tenancy: clients (customers), their sites, and where agents
 * belong. Shared by tRPC, the REST presenters, the OpenAPI documents and the dashboard forms.
 */
import { z } from "zod";
import { pageOf, pagingFields, searchField } from "./paging";

const MAX_ID = 2 ** 31 - 1;
const idOf = (what: string) => z.number({ error: `must be a ${what} id` }).int(`must be a ${what} id`).min(1, `must be a ${what} id`).max(MAX_ID, `must be a ${what} id`);

export const clientIdInput = idOf("client");
export const siteIdInput = idOf("site");

/** Trimmed, inner whitespace collapsed to one space, 1 to 100 characters. */
const nameSchema = z
  .string({ error: "must be a string" })
  .transform((value) => value.trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, "must not be empty").max(100, "must be at most 100 characters"));
export const clientNameSchema = nameSchema;
export const siteNameSchema = nameSchema;

/** The first site of a new client when none is named. */
export const FIRST_SITE_NAME = "Main";

/** An agent's client or site, as agent records carry them. */
export const tenantRef = z.object({ id: z.number().int(), name: z.string() });

export const siteSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  clientId: z.number().int(),
  clientName: z.string(),
  /** The site where agents enrolled without a site land. */
  isDefault: z.boolean(),
  agentCount: z.number().int(),
  createdAt: z.string(),
});
export type SiteSummary = z.infer<typeof siteSummary>;

export const clientSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  agentCount: z.number().int(),
  createdAt: z.string(),
  sites: z.array(siteSummary),
});
export type ClientSummary = z.infer<typeof clientSummary>;

export const TENANT_SORT_FIELDS = ["name", "createdAt"] as const;
const sortBy = z.enum(TENANT_SORT_FIELDS, { error: `must be one of ${TENANT_SORT_FIELDS.join(", ")}` }).default("name");

export const listClientsInput = z.strictObject({ search: searchField, sortBy, ...pagingFields }).default({ sortBy: "name", sortOrder: "asc", page: 1 });
export type ListClientsInput = z.infer<typeof listClientsInput>;
export const clientPage = pageOf(clientSummary);
export type ClientPage = z.infer<typeof clientPage>;

export const listSitesInput = z.strictObject({ clientId: clientIdInput, search: searchField, sortBy, ...pagingFields });
export type ListSitesInput = z.infer<typeof listSitesInput>;
export const sitePage = pageOf(siteSummary);
export type SitePage = z.infer<typeof sitePage>;

export const createClientInput = z.strictObject({ name: clientNameSchema, siteName: siteNameSchema.default(FIRST_SITE_NAME) });
export type CreateClientInput = z.infer<typeof createClientInput>;
export const renameClientInput = z.strictObject({ clientId: clientIdInput, name: clientNameSchema });
export const createSiteInput = z.strictObject({ clientId: clientIdInput, name: siteNameSchema });
export const renameSiteInput = z.strictObject({ siteId: siteIdInput, name: siteNameSchema });

/** Which clients someone (a user, an API key) is limited to; null for every client. */
export const clientRestriction = z.array(clientIdInput, { error: "must be a list of client ids, or null for every client" }).max(1000, "must name at most 1000 clients").nullable();
