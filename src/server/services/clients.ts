/**
 * Clients (customers) and their sites: lists with agent counts, creation and renaming, and the
 * default site that agents land in when nobody said where. Names are unique without regard to
 * case (client names overall, site names within their client). A restricted actor sees only its
 * clients; the others are "not found" (src/server/services/tenancy.ts).
 */
import { and, asc, count, desc, eq, ilike, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Actor } from "../auth/roles";
import type { ClientPage, ClientSummary, CreateClientInput, ListClientsInput, ListSitesInput, SitePage, SiteSummary } from "../contracts/tenancy";
import type { Db } from "../db/client";
import { agents, clients, sites } from "../db/schema";
import { AppError } from "../errors";
import { likeLiteral } from "./like";
import { paginate } from "./paging";
import type { ServiceContext } from "./service-context";
import { clientNotFound, clientsVisibleTo, siteNotFound, sitesVisibleTo } from "./tenancy";

type ReadContext = Pick<ServiceContext, "db" | "actor">;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const DEFAULT_CLIENT_NAME = "Default";
export const DEFAULT_SITE_NAME = "Default";

/** PostgreSQL's unique_violation, through drizzle's wrapping. */
function isUniqueViolation(error: unknown): boolean {
  const code = (value: unknown) => (typeof value === "object" && value !== null ? (value as { code?: unknown }).code : undefined);
  return code(error) === "23505" || code((error as { cause?: unknown } | null)?.cause) === "23505";
}

async function uniquely<T>(write: () => Promise<T>, conflict: () => AppError): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}

const clientNameTaken = (name: string) => new AppError("CONFLICT", `A client named '${name}' already exists`, { details: [{ field: "name", message: "is already taken" }] });
const siteNameTaken = (name: string, field = "name") => new AppError("CONFLICT", `This client already has a site named '${name}'`, { details: [{ field, message: "is already taken" }] });

const agentCounts = (db: Db | Tx) =>
  db
    .select({ siteId: agents.siteId, value: count().as("value") })
    .from(agents)
    .where(isNull(agents.revokedAt))
    .groupBy(agents.siteId)
    .as("agent_counts");

/** Sites with their client's name and their agent count, in one query. */
function siteRows(db: Db | Tx, where: SQL | undefined) {
  const counts = agentCounts(db);
  return db
    .select({ site: sites, clientName: clients.name, agentCount: sql<number>`coalesce(${counts.value}, 0)::int` })
    .from(sites)
    .innerJoin(clients, eq(clients.id, sites.clientId))
    .leftJoin(counts, eq(counts.siteId, sites.id))
    .where(where);
}

type SiteRow = Awaited<ReturnType<typeof siteRows>>[number];

function toSiteSummary({ site, clientName, agentCount }: SiteRow): SiteSummary {
  return { id: site.id, name: site.name, clientId: site.clientId, clientName, isDefault: site.isDefault, agentCount, createdAt: site.createdAt.toISOString() };
}

const sortColumns = (table: typeof clients | typeof sites): Record<ListClientsInput["sortBy"], SQL | AnyPgColumn> => ({ name: sql`lower(${table.name})`, createdAt: table.createdAt });

/** Sites of the given clients, by client id, sorted by name. */
async function sitesOf(db: Db | Tx, clientIds: number[]): Promise<Map<number, SiteSummary[]>> {
  const byClient = new Map<number, SiteSummary[]>(clientIds.map((id) => [id, []]));
  if (clientIds.length === 0) return byClient;
  const rows = await siteRows(db, inArray(sites.clientId, clientIds)).orderBy(sql`lower(${sites.name})`, asc(sites.id));
  for (const row of rows) byClient.get(row.site.clientId)!.push(toSiteSummary(row));
  return byClient;
}

function toClientSummary(row: typeof clients.$inferSelect, clientSites: SiteSummary[]): ClientSummary {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), agentCount: clientSites.reduce((sum, site) => sum + site.agentCount, 0), sites: clientSites };
}

export async function listClients(ctx: ReadContext, input: ListClientsInput): Promise<ClientPage> {
  const where = and(clientsVisibleTo(ctx.actor), input.search ? ilike(clients.name, likeLiteral(input.search)) : undefined);
  const order = input.sortOrder === "desc" ? desc : asc;
  const page = await paginate(
    input,
    (window) => {
      const query = ctx.db.select().from(clients).where(where).orderBy(order(sortColumns(clients)[input.sortBy]), asc(clients.id));
      return window ? query.limit(window.limit).offset(window.offset) : query;
    },
    async () => (await ctx.db.select({ value: count() }).from(clients).where(where))[0]?.value ?? 0,
  );
  const nested = await sitesOf(ctx.db, page.items.map((client) => client.id));
  return { ...page, items: page.items.map((client) => toClientSummary(client, nested.get(client.id)!)) };
}

/** One client the actor may see, with its sites; NOT_FOUND otherwise. */
export async function getClient(ctx: ReadContext, clientId: number, db: Db | Tx = ctx.db): Promise<ClientSummary> {
  const [row] = await db.select().from(clients).where(and(eq(clients.id, clientId), clientsVisibleTo(ctx.actor))).limit(1);
  if (!row) throw clientNotFound(clientId);
  return toClientSummary(row, (await sitesOf(db, [row.id])).get(row.id)!);
}

export async function listSites(ctx: ReadContext, input: ListSitesInput): Promise<SitePage> {
  await getClient(ctx, input.clientId);
  const where = and(eq(sites.clientId, input.clientId), input.search ? ilike(sites.name, likeLiteral(input.search)) : undefined);
  const order = input.sortOrder === "desc" ? desc : asc;
  return paginate(
    input,
    async (window) => {
      const query = siteRows(ctx.db, where).orderBy(order(sortColumns(sites)[input.sortBy]), asc(sites.id));
      return (await (window ? query.limit(window.limit).offset(window.offset) : query)).map(toSiteSummary);
    },
    async () => (await ctx.db.select({ value: count() }).from(sites).where(where))[0]?.value ?? 0,
  );
}

/** One site the actor may see; NOT_FOUND otherwise. */
export async function getSite(ctx: ReadContext, siteId: number, db: Db | Tx = ctx.db): Promise<SiteSummary> {
  const [row] = await siteRows(db, and(eq(sites.id, siteId), sitesVisibleTo(ctx.actor))).limit(1);
  if (!row) throw siteNotFound(siteId);
  return toSiteSummary(row);
}

/** The default site; created (with the default client) if a database somehow lacks it. */
export async function ensureDefaultSite(db: Db): Promise<{ id: number; clientId: number }> {
  return db.transaction(async (tx) => {
    // Serialises concurrent starts: only one of them may create it.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rmm.default-site'))`);
    const [existing] = await tx.select({ id: sites.id, clientId: sites.clientId }).from(sites).where(eq(sites.isDefault, true)).limit(1);
    if (existing) return existing;
    const [client] = await tx.select({ id: clients.id }).from(clients).where(sql`lower(${clients.name}) = ${DEFAULT_CLIENT_NAME.toLowerCase()}`).limit(1);
    const clientId = client?.id ?? (await tx.insert(clients).values({ name: DEFAULT_CLIENT_NAME }).returning({ id: clients.id }))[0]!.id;
    const [site] = await tx.insert(sites).values({ clientId, name: DEFAULT_SITE_NAME, isDefault: true }).onConflictDoNothing().returning({ id: sites.id, clientId: sites.clientId });
    if (site) return site;
    // A site of that name exists already: it becomes the default.
    const [promoted] = await tx
      .update(sites)
      .set({ isDefault: true })
      .where(and(eq(sites.clientId, clientId), sql`lower(${sites.name}) = ${DEFAULT_SITE_NAME.toLowerCase()}`))
      .returning({ id: sites.id, clientId: sites.clientId });
    return promoted!;
  });
}

/** A new client and its first site. Its creator must see every client (the procedure's metadata says so). */
export async function createClient(ctx: ServiceContext, input: CreateClientInput): Promise<ClientSummary> {
  return uniquely(
    () =>
      ctx.db.transaction(async (tx) => {
        const [client] = await tx.insert(clients).values({ name: input.name }).returning();
        const [site] = await tx.insert(sites).values({ clientId: client!.id, name: input.siteName }).returning();
        await ctx.audit({ action: "client.create", target: String(client!.id), details: { name: client!.name, site: { id: site!.id, name: site!.name } } }, tx);
        return getClient(ctx, client!.id, tx);
      }),
    () => clientNameTaken(input.name),
  );
}

export async function renameClient(ctx: ServiceContext, input: { clientId: number; name: string }): Promise<ClientSummary> {
  return uniquely(
    () =>
      ctx.db.transaction(async (tx) => {
        const before = await getClient(ctx, input.clientId, tx);
        await tx.update(clients).set({ name: input.name }).where(eq(clients.id, before.id));
        await ctx.audit({ action: "client.rename", target: String(before.id), details: { from: before.name, to: input.name } }, tx);
        return getClient(ctx, before.id, tx);
      }),
    () => clientNameTaken(input.name),
  );
}

export async function createSite(ctx: ServiceContext, input: { clientId: number; name: string }): Promise<SiteSummary> {
  return uniquely(
    () =>
      ctx.db.transaction(async (tx) => {
        const client = await getClient(ctx, input.clientId, tx);
        const [site] = await tx.insert(sites).values({ clientId: client.id, name: input.name }).returning();
        await ctx.audit({ action: "site.create", target: String(site!.id), details: { name: site!.name, client: { id: client.id, name: client.name } } }, tx);
        return getSite(ctx, site!.id, tx);
      }),
    () => siteNameTaken(input.name),
  );
}

export async function renameSite(ctx: ServiceContext, input: { siteId: number; name: string }): Promise<SiteSummary> {
  return uniquely(
    () =>
      ctx.db.transaction(async (tx) => {
        const before = await getSite(ctx, input.siteId, tx);
        await tx.update(sites).set({ name: input.name }).where(eq(sites.id, before.id));
        await ctx.audit({ action: "site.rename", target: String(before.id), details: { from: before.name, to: input.name, client: before.clientName } }, tx);
        return getSite(ctx, before.id, tx);
      }),
    () => siteNameTaken(input.name),
  );
}

/**
 * Checks a restriction someone is given (a user's, an API key's): every client must exist and be
 * visible to the actor; an unknown one is a 400 naming the field, whoever's it is.
 */
export async function checkClientRestriction(ctx: { db: Db; actor: Pick<Actor, "clientIds"> }, clientIds: number[] | null | undefined, field = "clientIds"): Promise<number[] | null> {
  if (clientIds === null || clientIds === undefined) return null;
  const unique = [...new Set(clientIds)].sort((a, b) => a - b);
  const found = unique.length === 0 ? [] : await ctx.db.select({ id: clients.id }).from(clients).where(and(inArray(clients.id, unique), clientsVisibleTo(ctx.actor)));
  const missing = unique.filter((id) => !found.some((row) => row.id === id));
  if (missing.length > 0) throw new AppError("BAD_REQUEST", `Unknown client ${missing[0]}`, { details: [{ field, message: `has unknown client ${missing.join(", ")}` }] });
  return unique;
}
