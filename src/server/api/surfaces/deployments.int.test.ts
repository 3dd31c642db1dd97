/**
 * Deployment links over `/api/v3` and `/api/agents`: creation with Tactical RMM's body, its checks
 * and its own rate limit; the public download (a package whose token enrolls into the link's
 * site), which stops working on expiry or revocation exactly like an unknown link; the per-address
 * download limit; and the Linux install script.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import yauzl from "yauzl";
import { actorFor, seedUser, testServiceContext } from "../../../test/actors";
import { FakeAgent } from "../../../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../../../test/gateway-harness";
import { apiRequest } from "../../../test/http";
import { agents, deployments, enrollmentTokens } from "../../db/schema";
import { createApiKey } from "../../services/api-keys";
import { createClient } from "../../services/clients";
import { createServiceContext } from "../../services/service-context";

const fakeBuild = mkdtempSync(path.join(tmpdir(), "rmm-fake-build-"));
writeFileSync(path.join(fakeBuild, "rmm-agent"), "#!/bin/sh\necho fake agent\n");
writeFileSync(path.join(fakeBuild, "rmm-agent.exe"), "MZ fake");

// The agent executables are built by `npm run build:agent`; these tests need only their place in the package.
vi.mock("../../services/agent-package", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../services/agent-package")>();
  return {
    ...original,
    agentBuild: (platform: "windows" | "linux") => {
      const binaryName = platform === "windows" ? "rmm-agent.exe" : "rmm-agent";
      return { binaryPath: path.join(fakeBuild, binaryName), binaryName, script: { name: platform === "windows" ? "run-agent.bat" : "run-agent.sh", text: "run\n" } };
    },
  };
});

let g: GatewayHarness;
let h: typeof import("../handlers");
const keys = { operator: "", viewer: "" };
const beta = { clientId: 0, siteId: 0 };

const v3 = (p: string, key: string, init: { method?: string; body?: unknown; ip?: string } = {}) => h.v3Handler(apiRequest(`/api/v3${p}`, { ...init, headers: { "x-api-key": key } }));
const download = (uuid: string, ip?: string) => h.v3Handler(apiRequest(`/api/v3/agents/deployments/${uuid}/download/`, { ip }));
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

async function keyFor(username: string, role: "viewer" | "operator") {
  const ctx = createServiceContext({ db: g.t.db, actor: await actorFor(g.t.db, username), clientIp: "127.0.0.1", waiters: () => { throw new Error("no bus"); } });
  return (await createApiKey(ctx, { name: `${role} key`, role })).key;
}

async function create(body: Record<string, unknown>, key = keys.operator) {
  return v3("/agents/deployments/", key, { body: { client: beta.clientId, site: beta.siteId, expires: inAnHour(), arch: "amd64", install_flags: "", ...body } });
}

function zipEntry(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error);
      archive.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return archive.readEntry();
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk)).on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        });
      });
      archive.on("end", () => reject(new Error(`${name} not in the zip`)));
      archive.readEntry();
    });
  });
}

beforeAll(async () => {
  g = await startGatewayHarness();
  Object.assign(process.env, { DATABASE_URL: g.t.url, AUTH_SECRET: "s".repeat(48), PUBLIC_URL: "https://rmm.example", GATEWAY_PUBLIC_URL: g.url });
  h = await import("../handlers");
  await seedUser(g.t.db, "otto", "operator");
  await seedUser(g.t.db, "vera", "viewer");
  const created = await createClient(testServiceContext(g.t.db), { name: "Beta Corp", siteName: "Jakarta Office" });
  Object.assign(beta, { clientId: created.id, siteId: created.sites[0]!.id });
  keys.operator = await keyFor("otto", "operator");
  keys.viewer = await keyFor("vera", "viewer");
}, 60_000);
afterAll(async () => {
  await (await import("../../db/client")).closeDb();
  await g.stop();
  rmSync(fakeBuild, { recursive: true, force: true });
});

describe("POST /api/v3/agents/deployments/", () => {
  it("answers Tactical RMM's shape with a download link, and lists it", async () => {
    const expires = inAnHour();
    const response = await create({ expires, install_flags: "--site-tag=hq --quiet" });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ id: expect.any(Number), client: beta.clientId, site: beta.siteId, expiry: expires, install_flags: "--site-tag=hq --quiet", arch: "amd64", platform: "windows" });
    expect(body.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.download_url).toBe(`https://rmm.example/api/v3/agents/deployments/${body.uuid}/download/`);
    const list = await (await v3("/agents/deployments/", keys.operator)).json();
    expect(list.map((d: { uuid: string }) => d.uuid)).toContain(body.uuid);
  });

  it("refuses macOS, architectures without a build, a site of another client, past expiry and unsafe flags", async () => {
    const refused = async (body: Record<string, unknown>) => {
      const response = await create(body);
      return { status: response.status, detail: (await response.json()).detail as string };
    };
    expect(await refused({ arch: "amd64-mac" })).toMatchObject({ status: 400 });
    expect(await refused({ arch: "arm64" })).toMatchObject({ status: 400, detail: expect.stringMatching(/no arm64 build/) });
    expect(await refused({ client: 1 })).toMatchObject({ status: 400, detail: expect.stringMatching(/does not belong/) });
    expect(await refused({ expires: new Date(Date.now() - 1000).toISOString() })).toMatchObject({ status: 400 });
    expect(await refused({ expires: "tomorrow" })).toMatchObject({ status: 400 });
    for (const flags of ["--x; rm -rf /", "$(id)", "a'b", "`id`", "a|b"]) expect((await refused({ install_flags: flags })).status).toBe(400);
    expect((await create({}, keys.viewer)).status).toBe(403);
  });

  it("counts creations against 20 a minute per API key", async () => {
    const key = await keyFor("otto", "operator");
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await create({}, key)).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await create({})).status).toBe(201);
  });
});

describe("GET /api/v3/agents/deployments/{uuid}/download/", () => {
  it("serves a ZIP without credentials whose token enrolls an agent into the link's site", async () => {
    const { uuid } = await (await create({ install_flags: "--quiet" })).json();
    const response = await download(uuid);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="rmm-agent-${uuid}.zip"`);
    const serverJson = JSON.parse(await zipEntry(Buffer.from(await response.arrayBuffer()), "server.json"));
    expect(serverJson).toMatchObject({ gatewayUrl: g.url, installFlags: ["--quiet"] });
    const agent = await FakeAgent.connect({ url: g.url, token: serverJson.enrollmentToken, name: "BETA-LAPTOP" });
    const [row] = await g.t.db.select({ siteId: agents.siteId }).from(agents).where(eq(agents.id, agent.agentId));
    expect(row!.siteId).toBe(beta.siteId);
    agent.socket.close();
    const [deployment] = await g.t.db.select().from(deployments).where(eq(deployments.uuid, uuid));
    expect(deployment!.downloadCount).toBe(1);
  });

  it("serves a tar.gz for Linux that unpacks with tar", async () => {
    const { uuid } = await (await create({ platform: "linux" })).json();
    const response = await download(uuid);
    expect(response.headers.get("content-type")).toBe("application/gzip");
    const dir = mkdtempSync(path.join(tmpdir(), "rmm-deploy-"));
    try {
      writeFileSync(path.join(dir, "a.tar.gz"), Buffer.from(await response.arrayBuffer()));
      execFileSync("tar", ["-xzf", "a.tar.gz"], { cwd: dir });
      expect(JSON.parse(readFileSync(path.join(dir, "server.json"), "utf8")).enrollmentToken).toMatch(/^rmm_enr_/);
      expect(readFileSync(path.join(dir, "rmm-agent"), "utf8")).toContain("fake agent");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers the same 404 for an unknown, a revoked and an expired link; revoking also revokes the token", async () => {
    const unknown = await download("00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.json();
    expect((await download("not-a-uuid")).status).toBe(404);

    const revoked = await (await create({})).json();
    expect((await v3(`/agents/deployments/${revoked.id}/`, keys.viewer, { method: "DELETE" })).status).toBe(403);
    expect((await v3(`/agents/deployments/${revoked.id}/`, keys.operator, { method: "DELETE" })).status).toBe(200);
    expect((await v3(`/agents/deployments/${revoked.id}/`, keys.operator, { method: "DELETE" })).status).toBe(404);
    const afterRevoke = await download(revoked.uuid);
    expect([afterRevoke.status, await afterRevoke.json()]).toEqual([404, unknownBody]);
    const [row] = await g.t.db.select({ tokenRevokedAt: enrollmentTokens.revokedAt }).from(deployments).innerJoin(enrollmentTokens, eq(enrollmentTokens.id, deployments.enrollmentTokenId)).where(eq(deployments.id, revoked.id));
    expect(row!.tokenRevokedAt).not.toBeNull();

    const expired = await (await create({})).json();
    await g.t.db.update(deployments).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(deployments.id, expired.id));
    const afterExpiry = await download(expired.uuid);
    expect([afterExpiry.status, await afterExpiry.json()]).toEqual([404, unknownBody]);

    const listed = (await (await v3("/agents/deployments/", keys.operator)).json()).map((d: { id: number }) => d.id);
    expect(listed).not.toContain(revoked.id);
    expect(listed).not.toContain(expired.id);
  });

  it("limits downloads to 30 a minute per client address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await download("00000000-0000-4000-8000-000000000001", "198.51.100.7")).status);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await download("00000000-0000-4000-8000-000000000001", "198.51.100.8")).status).toBe(404);
  });
});

describe("GET /api/agents/install-script", () => {
  const script = (key: string) => h.agentsApiHandler(apiRequest(`/api/agents/install-script?key=${encodeURIComponent(key)}`));

  it("answers a valid shell script that fetches the link's package and installs it as root", async () => {
    const { uuid, download_url } = await (await create({ platform: "linux", install_flags: "--tag=db" })).json();
    const response = await script(uuid);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/x-shellscript/);
    const text = await response.text();
    expect(text).toContain(`DOWNLOAD_URL='${download_url}'`);
    expect(text).toContain("./rmm-agent install '--tag=db'");
    expect(text).toMatch(/id -u/);
    const dir = mkdtempSync(path.join(tmpdir(), "rmm-script-"));
    try {
      writeFileSync(path.join(dir, "install.sh"), text);
      execFileSync("sh", ["-n", path.join(dir, "install.sh")]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses unknown keys and Windows links with a failing script", async () => {
    const windows = await (await create({})).json();
    for (const key of ["nope", "00000000-0000-4000-8000-000000000000", windows.uuid]) {
      const response = await script(key);
      expect(response.status).toBe(404);
      expect(await response.text()).toMatch(/exit 1/);
    }
  });
});
