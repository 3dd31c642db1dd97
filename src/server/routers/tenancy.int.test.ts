/**
 * Tenant isolation on every procedure, derived from their own metadata and input schemas: an admin
 * restricted to client A learns nothing of client B, by list, by id, by command or by stream. A
 * procedure added later is covered without touching this file: if its input names an agent, a
 * client or a site, it must answer B's as "not found"; whatever it answers must not mention B.
 */
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, callerAs, seedUser, testServiceContext } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { invokeProcedure, procedureDefinitions } from "../api/route-table";
import type { Actor } from "../auth/roles";
import { CHANNELS, notify } from "../bus/channels";
import type { CommandWaiters } from "../bus/command-waiters";
import { BusListener } from "../bus/listener";
import { agents, users } from "../db/schema";
import { agentEventStream } from "../http/agent-events";
import { createClient } from "../services/clients";
import { createEnrollmentToken } from "../services/enrollment";
import { TENANT_REFERENCE_KEYS } from "../services/tenancy";

let t: TestDatabase;
let restricted: Actor;
let unrestricted: Actor;
const A = { clientId: 0, siteId: 0, agentId: "agent-alpha" };
const B = { clientId: 0, siteId: 0, agentId: "agent-beta" };
/** Strings that only something about client B could contain. */
const B_NEEDLES = ["Beta Corp", "Beta HQ", "agent-beta", "BETA-PC", "beta-enroll-token"];

// Agents here are offline: a command fails before it would need the bus.
const noBus = () => ({}) as CommandWaiters;
const call = (actor: Actor, path: string, input: unknown) => invokeProcedure(callerAs(t.db, actor, { waiters: noBus() }), path, input);

async function outcome(promise: Promise<unknown>): Promise<{ code: string; text: string }> {
  try {
    return { code: "OK", text: JSON.stringify(await promise) ?? "" };
  } catch (error) {
    return { code: error instanceof TRPCError ? error.code : String(error), text: error instanceof Error ? error.message : String(error) };
  }
}

let freshAgents = 0;
/** A new agent of the client, so that a call which changes or removes it spoils nothing else. */
async function freshAgent(siteId: number, name: string): Promise<string> {
  const id = `${name.toLowerCase()}-${++freshAgents}`;
  await t.db.insert(agents).values({ id, name, secretHash: "x", siteId });
  return id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const root = testServiceContext(t.db);
  const alpha = await createClient(root, { name: "Alpha Corp", siteName: "Alpha HQ" });
  const beta = await createClient(root, { name: "Beta Corp", siteName: "Beta HQ" });
  Object.assign(A, { clientId: alpha.id, siteId: alpha.sites[0]!.id });
  Object.assign(B, { clientId: beta.id, siteId: beta.sites[0]!.id });
  await t.db.insert(agents).values([
    { id: A.agentId, name: "ALPHA-PC", secretHash: "x", siteId: A.siteId, groupName: "Shared" },
    { id: B.agentId, name: "BETA-PC", secretHash: "x", siteId: B.siteId, groupName: "Shared", tags: ["beta-tag"] },
  ]);
  await createEnrollmentToken(root, { label: "beta-enroll-token", ttlHours: 1, maxUses: 1, siteId: B.siteId });
  await seedUser(t.db, "amy", "admin");
  await seedUser(t.db, "root", "admin");
  await t.db.update(users).set({ clientIds: [A.clientId] }).where(eq(users.username, "amy"));
  restricted = await actorFor(t.db, "amy");
  unrestricted = await actorFor(t.db, "root");
});
afterAll(() => t.close());

/** The top-level keys of a procedure's input schemas (through defaults, optionals and transforms). */
function keysOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: object; innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
  if (def.type === "object") return Object.keys(def.shape!);
  if (def.innerType) return keysOf(def.innerType);
  if (def.type === "pipe") return keysOf(def.in!);
  return [];
}

const procedures = procedureDefinitions()
  .filter(([, def]) => def.meta?.minRole !== "public" && def.meta?.minRole !== "agent")
  .map(([path, def]) => ({ path, allClients: def.meta?.allClients === true, keys: [...new Set(def.inputs.flatMap(keysOf))] }));
const tenantScoped = procedures.flatMap(({ path, allClients, keys }) => (allClients ? [] : keys.filter((key) => (TENANT_REFERENCE_KEYS as string[]).includes(key)).map((key) => ({ path, key }))));

/** The probe for one reference key: client B's (or A's) agent, client or site, and nothing else. */
async function probe(tenant: typeof A, key: string, name: string): Promise<Record<string, unknown>> {
  if (key === "agentId") return { agentId: await freshAgent(tenant.siteId, name) };
  if (key === "agentIds") return { agentIds: [await freshAgent(tenant.siteId, name)] };
  return { [key]: tenant[key as "clientId" | "siteId"] };
}

it("covers the procedures that name agents, clients and sites", () => {
  const paths = new Set(tenantScoped.map((entry) => entry.path));
  for (const path of ["agents.get", "agents.remove", "processes.refresh", "processes.kill", "groups.assign", "agents.moveToSite", "clients.sites", "sites.rename", "enrollment.create"]) expect(paths).toContain(path);
});

describe.each(tenantScoped)("$path with client B's $key", ({ path, key }) => {
  it("is not found for a user of client A, as for an id that does not exist", async () => {
    const result = await outcome(call(restricted, path, await probe(B, key, "BETA-PC")));
    expect(result.code).toBe("NOT_FOUND");
    expect(B_NEEDLES.filter((needle) => result.text.includes(needle))).toEqual([]);
  });

  it("is found by someone who sees every client, and client A's is found by the user of client A", async () => {
    expect((await outcome(call(unrestricted, path, await probe(B, key, "BETA-PC")))).code).not.toBe("NOT_FOUND");
    expect((await outcome(call(restricted, path, await probe(A, key, "ALPHA-PC")))).code).not.toBe("NOT_FOUND");
  });
});

describe.each(procedures.filter((p) => p.allClients))("$path (reaches every client)", ({ path }) => {
  it("is refused to a user of some clients, and not to one of every client", async () => {
    expect((await outcome(call(restricted, path, {}))).code).toBe("FORBIDDEN");
    expect((await outcome(call(unrestricted, path, {}))).code).not.toBe("FORBIDDEN");
  });
});

describe("whatever a user of client A calls", () => {
  it("answers nothing of client B, while the same calls by someone who sees every client do", async () => {
    const leaks: string[] = [];
    const seenByAll: string[] = [];
    for (const { path, allClients } of procedures) {
      if (allClients) continue;
      const mentionsB = (text: string) => B_NEEDLES.some((needle) => text.includes(needle));
      if (mentionsB((await outcome(call(restricted, path, {}))).text)) leaks.push(path);
      if (mentionsB((await outcome(call(unrestricted, path, {}))).text)) seenByAll.push(path);
    }
    expect(leaks).toEqual([]);
    // The needles are real: the lists do show B to someone who may see it.
    expect(seenByAll).toEqual(expect.arrayContaining(["agents.list", "clients.list", "enrollment.list"]));
  });

  it("lists only client A's agents, with any filter", async () => {
    const caller = callerAs(t.db, restricted);
    const all = (await caller.agents.list()).items;
    expect(all.map((agent) => agent.agentId)).toContain(A.agentId);
    expect(all.filter((agent) => agent.client.id !== A.clientId)).toEqual([]);
    expect((await caller.agents.list({ group: "Shared" })).items.map((agent) => agent.agentId)).toEqual([A.agentId]);
    expect((await caller.agents.list({ tag: "beta-tag" })).items).toEqual([]);
    expect((await callerAs(t.db, unrestricted).agents.list({ tag: "BETA-TAG" })).items.map((agent) => agent.agentId)).toEqual([B.agentId]);
    expect((await caller.clients.list()).items.map((client) => client.name)).toEqual(["Alpha Corp"]);
  });

  it("hears live events only of client A's agents", async () => {
    const listener = new BusListener(t.url);
    const abort = new AbortController();
    try {
      const response = agentEventStream(t.db, restricted, listener, abort.signal);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = "";
      const readUntil = async (marker: string) => {
        while (!received.includes(marker)) received += decoder.decode((await reader.read()).value);
      };
      await readUntil(": connected");
      await notify(t.db, CHANNELS.agentChanged, B.agentId);
      await notify(t.db, CHANNELS.agentChanged, A.agentId);
      await readUntil(A.agentId);
      expect(received).not.toContain(B.agentId);
      expect(received).toContain(`data: ${JSON.stringify({ agentId: A.agentId })}`);
    } finally {
      abort.abort();
      await listener.close();
    }
  });
});
