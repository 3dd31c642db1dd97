/**
 * Vitest global setup of the integration project: one embedded PostgreSQL for the whole run, with
 * a migrated template database. Each test file clones the template (see test-db.ts), so files are
 * isolated from each other and run against the real schema.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../server/db/embedded-postgres";
import { runMigrations } from "../server/db/migrate";

export const TEMPLATE_DATABASE = "rmm_template";

declare module "vitest" {
  export interface ProvidedContext {
    postgresServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // Under the system temp folder: readable by the `postgres` OS user when tests run as root.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rmm-test-pg-"));
  const server = await startEmbeddedPostgres({ dataDir, database: TEMPLATE_DATABASE });
  await runMigrations(server.url);
  const serverUrl = server.url.slice(0, server.url.lastIndexOf("/"));
  // No connection may stay open on a template database, or CREATE DATABASE ... TEMPLATE fails.
  const admin = postgres(`${serverUrl}/postgres`, { max: 1, onnotice: () => {} });
  await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${TEMPLATE_DATABASE} and pid <> pg_backend_pid()`;
  await admin.end();
  project.provide("postgresServerUrl", serverUrl);

  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
