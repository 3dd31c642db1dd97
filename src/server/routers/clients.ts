/**
 * Clients (customers) and their sites, on the dashboard, `/api/v3` (Tactical RMM's shapes) and
 * `/api/v1`. Everyone sees the clients they may see; admins create and rename.
 */
import { z } from "zod";
import { v1ClientDetail, v1ClientList, v1SiteList } from "../api/presenters/v1";
import { v3ClientDetail, v3ClientList, v3SiteList } from "../api/presenters/v3";
import type { RouteRequest } from "../api/route-types";
import { numericParam, v1ListQuery } from "../api/surfaces/list-query";
import { clientNameSchema, clientPage, clientSummary, createClientInput, createSiteInput, listClientsInput, listSitesInput, renameClientInput, renameSiteInput, siteNameSchema, sitePage, siteSummary } from "../contracts/tenancy";
import { createClient, createSite, listClients, listSites, renameClient, renameSite } from "../services/clients";
import { adminProcedure, router, viewerProcedure } from "../trpc";

const TAG = "Clients";

const v1TenantQuery = v1ListQuery({ sortBy: { name: "name", created_at: "createdAt" }, filters: {} });

const asObject = (body: unknown): Record<string, unknown> => (body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {});

/**
 * Tactical RMM creates a client with `{ client: { name }, site: { name } }`; the flat
 * `{ name, site }` is accepted too. Anything else is left for the input schema to refuse.
 */
function v3CreateClientInput({ body }: RouteRequest): unknown {
  // Tactical RMM's client form also sends custom fields, which this server does not have.
  const { client, site, custom_fields: _customFields, ...flat } = asObject(body);
  const siteName = site !== null && typeof site === "object" ? asObject(site).name : site;
  return { ...flat, ...(client === undefined ? {} : { name: asObject(client).name }), ...(siteName === undefined ? {} : { siteName }) };
}

const named = (what: string) => z.object({ name: clientNameSchema.describe(what) });
const v3CreateClientBody = z.object({
  client: named("The client's name"),
  site: named("Its first site's name (Main when absent)").optional(),
  custom_fields: z.array(z.unknown()).optional().describe("Accepted and ignored: this server has no custom fields"),
});

/** `/api/v1` names the first site `site_name`. */
function v1CreateClientInput({ body }: RouteRequest): unknown {
  const { site_name, ...rest } = asObject(body);
  return { ...rest, ...(site_name === undefined ? {} : { siteName: site_name }) };
}
const v1CreateClientBody = z.strictObject({ name: clientNameSchema, site_name: siteNameSchema.optional().describe("Its first site's name (Main when absent)") });

export const clientsRouter = router({
  list: viewerProcedure
    .meta({
      summary: "Clients with their sites and agent counts",
      tag: TAG,
      routes: {
        v3: { method: "GET", path: "/clients/", input: () => undefined, present: v3ClientList },
        v1: { method: "GET", path: "/clients/", query: v1TenantQuery.query, input: v1TenantQuery.input, present: v1ClientList },
      },
    })
    .input(listClientsInput)
    .output(clientPage)
    .query(({ ctx, input }) => listClients(ctx.service, input)),

  sites: viewerProcedure
    .meta({
      summary: "The sites of one client",
      tag: TAG,
      routes: {
        v3: { method: "GET", path: "/clients/{id}/sites/", input: ({ params }) => ({ clientId: numericParam(params.id) }), present: v3SiteList },
        v1: {
          method: "GET",
          path: "/clients/{id}/sites/",
          query: v1TenantQuery.query,
          input: (request) => ({ ...v1TenantQuery.input(request), clientId: numericParam(request.params.id) }),
          present: v1SiteList,
        },
      },
    })
    .input(listSitesInput)
    .output(sitePage)
    .query(({ ctx, input }) => listSites(ctx.service, input)),

  create: adminProcedure
    .meta({
      summary: "Create a client and its first site",
      tag: TAG,
      // A new client is outside every restriction, so only someone who sees every client may make one.
      allClients: true,
      routes: {
        v3: { method: "POST", path: "/clients/", status: 201, input: v3CreateClientInput, body: v3CreateClientBody, present: v3ClientDetail },
        v1: { method: "POST", path: "/clients/", status: 201, input: v1CreateClientInput, body: v1CreateClientBody, present: v1ClientDetail },
      },
    })
    .input(createClientInput)
    .output(clientSummary)
    .mutation(({ ctx, input }) => createClient(ctx.service, input)),

  rename: adminProcedure
    .meta({ summary: "Rename a client", tag: TAG })
    .input(renameClientInput)
    .output(clientSummary)
    .mutation(({ ctx, input }) => renameClient(ctx.service, input)),
});

export const sitesRouter = router({
  create: adminProcedure
    .meta({ summary: "Add a site to a client", tag: TAG })
    .input(createSiteInput)
    .output(siteSummary)
    .mutation(({ ctx, input }) => createSite(ctx.service, input)),

  rename: adminProcedure
    .meta({ summary: "Rename a site", tag: TAG })
    .input(renameSiteInput)
    .output(siteSummary)
    .mutation(({ ctx, input }) => renameSite(ctx.service, input)),
});
