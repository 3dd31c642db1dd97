/**
 * Clients and sites over REST: Tactical RMM's `/api/v3/clients/` shapes (list with nested sites,
 * `POST` in its `{ client, site }` form, sites of a client), `/api/v1`'s envelope and pagination,
 * the agents' `client`/`site` objects and filters, and API keys limited to some clients.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, seedUser, testServiceContext } from "../../../test/actors";
import { apiRequest } from "../../../test/http";
import { createTestDatabase, type TestDatabase } from "../../../test/test-db";
import { agents } from "../../db/schema";
import { createApiKey } from "../../services/api-keys";
import { createClient } from "../../services/clients";
import { createServiceContext } from "../../services/service-context";

let t: TestDatabase;
let h: typeof import("../handlers");
const keys = { admin: "", viewer: "", betaOnly: "" };
const beta = { clientId: 0, siteId: 0 };

async function keyFor(username: string, role: "viewer" | "admin", clientIds?: number[]) {
  const ctx = createServiceContext({ db: t.db, actor: await actorFor(t.db, username), clientIp: "127.0.0.1", waiters: () => { throw new Error("no bus"); } });
  return (await createApiKey(ctx, { name: `${role} key`, role, clientIds })).key;
}

const v3 = (path: string, key: string, init: { method?: string; body?: unknown } = {}) => h.v3Handler(apiRequest(`/api/v3${path}`, { ...init, headers: { "x-api-key": key } }));
const v1 = (path: string, key: string, init: { method?: string; body?: unknown } = {}) => h.v1Handler(apiRequest(`/api/v1${path}`, { ...init, headers: { "x-api-key": key } }));

beforeAll(async () => {
  t = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: t.url, AUTH_SECRET: "s".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  h = await import("../handlers");
  await seedUser(t.db, "ada", "admin");
  await seedUser(t.db, "vera", "viewer");
  const created = await createClient(testServiceContext(t.db), { name: "Beta Corp", siteName: "Jakarta Office" });
  Object.assign(beta, { clientId: created.id, siteId: created.sites[0]!.id });
  keys.admin = await keyFor("ada", "admin");
  keys.viewer = await keyFor("vera", "viewer");
  keys.betaOnly = await keyFor("ada", "admin", [beta.clientId]);
  await t.db.insert(agents).values([
    { id: "d-1", name: "DEFAULT-PC", secretHash: "x" },
    { id: "b-1", name: "BETA-PC", secretHash: "x", siteId: beta.siteId },
  ]);
});
afterAll(async () => {
  await (await import("../../db/client")).closeDb();
  await t.close();
});

describe("/api/v3 clients", () => {
  it("lists clients with their sites", async () => {
    const response = await v3("/clients/", keys.viewer);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { id: beta.clientId, name: "Beta Corp", agent_count: 1, sites: [{ id: beta.siteId, name: "Jakarta Office", agent_count: 1 }] },
      { id: expect.any(Number), name: "Default", agent_count: 1, sites: [{ id: expect.any(Number), name: "Default", agent_count: 1 }] },
    ]);
  });

  it("creates a client with Tactical RMM's body (admin), and with the flat one", async () => {
    const trmm = await v3("/clients/", keys.admin, { body: { client: { name: "Hermes Network Inc." }, site: { name: "Remote Workers" }, custom_fields: [] } });
    expect(trmm.status).toBe(201);
    expect(await trmm.json()).toEqual({ id: expect.any(Number), name: "Hermes Network Inc.", agent_count: 0, sites: [{ id: expect.any(Number), name: "Remote Workers", agent_count: 0 }] });
    const flat = await v3("/clients/", keys.admin, { body: { name: "Flat Ltd", site: "Office" } });
    expect((await flat.json()).sites[0].name).toBe("Office");
    const duplicate = await v3("/clients/", keys.admin, { body: { client: { name: "hermes network inc." }, site: { name: "X" } } });
    expect(duplicate.status).toBe(409);
    const invalid = await v3("/clients/", keys.admin, { body: { client: { name: "" } } });
    expect(invalid.status).toBe(400);
    expect((await v3("/clients/", keys.viewer, { body: { client: { name: "Nope" } } })).status).toBe(403);
  });

  it("documents Tactical RMM's body for creating a client", async () => {
    const document = await (await v3("/openapi.json", keys.viewer)).json();
    const body = document.paths["/api/v3/clients/"].post.requestBody.content["application/json"].schema;
    expect(JSON.stringify(body)).toMatch(/custom_fields/);
  });

  it("lists the sites of one client; 404 for an unknown or malformed id", async () => {
    expect(await (await v3(`/clients/${beta.clientId}/sites/`, keys.viewer)).json()).toEqual([{ id: beta.siteId, name: "Jakarta Office", client: beta.clientId, client_name: "Beta Corp", agent_count: 1 }]);
    expect((await v3("/clients/999999/sites/", keys.viewer)).status).toBe(404);
    expect((await v3("/clients/abc/sites/", keys.viewer)).status).toBe(400);
  });

  it("gives agents their client and site, and filters by them", async () => {
    const one = await (await v3("/agents/b-1/", keys.viewer)).json();
    expect(one).toMatchObject({ client: { id: beta.clientId, name: "Beta Corp" }, site: { id: beta.siteId, name: "Jakarta Office" } });
    const byClient = await (await v3(`/agents/?client=${beta.clientId}`, keys.viewer)).json();
    expect(byClient.map((agent: { agent_id: string }) => agent.agent_id)).toEqual(["b-1"]);
    const bySite = await (await v3(`/agents/?site=${beta.siteId}`, keys.viewer)).json();
    expect(bySite.map((agent: { agent_id: string }) => agent.agent_id)).toEqual(["b-1"]);
    const malformed = await v3("/agents/?client=abc", keys.viewer);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).detail).toMatch(/client/);
  });

  it("shows a key limited to one client only that client's agents; the others do not exist for it", async () => {
    const listed = await (await v3("/agents/", keys.betaOnly)).json();
    expect(listed.map((agent: { agent_id: string }) => agent.agent_id)).toEqual(["b-1"]);
    expect((await (await v3("/clients/", keys.betaOnly)).json()).map((client: { name: string }) => client.name)).toEqual(["Beta Corp"]);
    expect((await v3("/agents/d-1/", keys.betaOnly)).status).toBe(404);
    expect((await v3("/agents/d-1/", keys.betaOnly, { method: "DELETE" })).status).toBe(404);
    const defaultClient = (await (await v3("/clients/", keys.admin)).json()).find((client: { name: string }) => client.name === "Default");
    expect((await v3(`/clients/${defaultClient.id}/sites/`, keys.betaOnly)).status).toBe(404);
    expect((await v3(`/agents/?client=${defaultClient.id}`, keys.betaOnly)).status).toBe(404);
    // Creating a client reaches beyond its one client.
    expect((await v3("/clients/", keys.betaOnly, { body: { client: { name: "Sneaky" }, site: { name: "X" } } })).status).toBe(403);
  });
});

describe("/api/v1 clients", () => {
  it("lists clients in the envelope with pagination, sorting and search", async () => {
    const body = await (await v1("/clients/?sort_by=name&sort_order=desc&per_page=2", keys.viewer)).json();
    expect(body).toMatchObject({ status: "ok", data: { total: 4, page: 1, per_page: 2, pages: 2 } });
    expect(body.data.items.map((client: { name: string }) => client.name)).toEqual(["Hermes Network Inc.", "Flat Ltd"]);
    const searched = await (await v1("/clients/?search=beta", keys.viewer)).json();
    expect(searched.data.items).toEqual([
      {
        id: beta.clientId,
        name: "Beta Corp",
        agent_count: 1,
        created_at: expect.any(String),
        sites: [{ id: beta.siteId, name: "Jakarta Office", client_id: beta.clientId, client_name: "Beta Corp", is_default: false, agent_count: 1, created_at: expect.any(String) }],
      },
    ]);
    expect((await v1("/clients/?sort_by=size", keys.viewer)).status).toBe(422);
  });

  it("creates a client (admin) and lists a client's sites", async () => {
    const created = await v1("/clients/", keys.admin, { body: { name: "Gamma", site_name: "Plant" } });
    expect(created.status).toBe(201);
    const client = (await created.json()).data;
    expect(client).toMatchObject({ name: "Gamma", sites: [{ name: "Plant" }] });
    expect((await v1("/clients/", keys.admin, { body: { name: "Gamma 2", surprise: true } })).status).toBe(422);
    const sites = await (await v1(`/clients/${client.id}/sites/`, keys.viewer)).json();
    expect(sites.data).toMatchObject({ total: 1, items: [{ name: "Plant", client_name: "Gamma" }] });
    expect((await v1("/clients/999999/sites/", keys.viewer)).status).toBe(404);
  });

  it("gives agents their client, site and tags, and filters by client_id and site_id", async () => {
    const body = await (await v1(`/agents/?client_id=${beta.clientId}`, keys.viewer)).json();
    expect(body.data.items).toEqual([expect.objectContaining({ uuid: "b-1", client: { id: beta.clientId, name: "Beta Corp" }, site: { id: beta.siteId, name: "Jakarta Office" }, tags: [] })]);
    expect((await (await v1(`/agents/?site_id=${beta.siteId}&sort_by=client`, keys.viewer)).json()).data.total).toBe(1);
  });

  it("registers an agent into a site", async () => {
    const response = await v1("/agents/register", keys.admin, { body: { siteId: beta.siteId } });
    expect(response.status).toBe(201);
    // Without a site, a key that cannot reach the default site is asked to name one.
    expect((await v1("/agents/register", keys.betaOnly, { body: {} })).status).toBe(422);
  });
});
