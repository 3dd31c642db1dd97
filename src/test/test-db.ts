/** A fresh database per integration test file, cloned from the migrated template. */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { createDb, type Db, type Sql } from "../server/db/client";

export type TestDatabase = { db: Db; sql: Sql; url: string; close(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("postgresServerUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(`${serverUrl}/postgres`, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template rmm_template`);
  } finally {
    await admin.end();
  }
  const url = `${serverUrl}/${name}`;
  const { db, sql } = createDb(url, { max: 5 });
  return { db, sql, url, close: () => sql.end({ timeout: 5 }) };
}
