/**
 * A throw-away database for one bench run: embedded PostgreSQL in a temp dir, migrated, plus the
 * pre-created agents the simulated agents log in as. Agents are inserted in bulk, with the same
 * secret hashing as enrollment, so that enrollment cost stays out of the measurements.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sha256 } from "../src/server/auth/secret-hash";
import { createDb, type Db, type Sql } from "../src/server/db/client";
import { startEmbeddedPostgres } from "../src/server/db/embedded-postgres";
import { runMigrations } from "../src/server/db/migrate";
import { agents } from "../src/server/db/schema";
import { onCleanup } from "./cleanup";

export type BenchDatabase = { url: string; db: Db; sql: Sql; version: string; stop(): Promise<void> };
export type AgentCredentials = { agentId: string; agentSecret: string };

export async function startBenchDatabase(): Promise<BenchDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), "rmm-bench-"));
  const removeDir = onCleanup(() => rm(dir, { recursive: true, force: true }));
  const server = await startEmbeddedPostgres({ dataDir: dir, database: "rmm_bench" });
  const stopServer = onCleanup(() => server.stop());
  await runMigrations(server.url);
  // Web-side pool: the size the web process uses (createDb's default).
  const { db, sql } = createDb(server.url);
  const closePool = onCleanup(() => sql.end({ timeout: 5 }));
  const [row] = await sql<{ version: string }[]>`select current_setting('server_version') as version`;
  return {
    url: server.url,
    db,
    sql,
    version: row?.version ?? "unknown",
    async stop() {
      await closePool();
      await stopServer();
      await removeDir();
    },
  };
}

const INSERT_CHUNK = 5_000; // 3 parameters per row, far below PostgreSQL's 65,535 per statement

/** Creates `count` enrolled, offline agents and returns their credentials. */
export async function seedAgents(db: Db, count: number): Promise<AgentCredentials[]> {
  const credentials = Array.from({ length: count }, (_, i) => ({ agentId: `bench-${String(i).padStart(6, "0")}`, agentSecret: randomBytes(24).toString("base64url") }));
  for (let start = 0; start < count; start += INSERT_CHUNK) {
    const rows = credentials.slice(start, start + INSERT_CHUNK).map(({ agentId, agentSecret }) => ({ id: agentId, name: agentId, secretHash: sha256(agentSecret) }));
    await db.insert(agents).values(rows);
  }
  return credentials;
}
