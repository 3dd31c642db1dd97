/**
 * The agent releases known to the server. A gateway publishes what `npm run build:agent` left in
 * agent/dist/release.json (a row per platform and version, first seen = published); the dashboard
 * reads the newest published release per platform to tell which agents are behind.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { desc, sql } from "drizzle-orm";
import { agentReleaseManifest, type AgentReleaseManifest } from "../../protocol";
import type { Db } from "../db/client";
import { agentReleases } from "../db/schema";

export const RELEASE_MANIFEST_FILE = "release.json";

export type PublishedRelease = { platform: string; version: string; sha256: string; size: number; file: string; publishedAt: Date };

/** The manifest in `distDir`, or null when the agent has not been built there (or the file is not ours). */
export async function readReleaseManifest(distDir: string): Promise<AgentReleaseManifest | null> {
  const text = await readFile(path.join(distDir, RELEASE_MANIFEST_FILE), "utf8").catch(() => null);
  if (text === null) return null;
  try {
    const parsed = agentReleaseManifest.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Records each executable of the manifest as a release and returns them as published. A rebuild
 * of the same version updates its hash and size but keeps its publication time.
 */
export async function publishReleases(db: Db, manifest: AgentReleaseManifest): Promise<PublishedRelease[]> {
  const rows = manifest.files.map((file) => ({ platform: file.platform, version: manifest.version, sha256: file.sha256, size: file.size, file: file.file }));
  return db
    .insert(agentReleases)
    .values(rows)
    .onConflictDoUpdate({ target: [agentReleases.platform, agentReleases.version], set: { sha256: sql`excluded.sha256`, size: sql`excluded.size`, file: sql`excluded.file` } })
    .returning();
}

/** The newest published release of each platform. */
export async function latestReleases(db: Pick<Db, "selectDistinctOn">): Promise<Map<string, PublishedRelease>> {
  const rows = await db.selectDistinctOn([agentReleases.platform]).from(agentReleases).orderBy(agentReleases.platform, desc(agentReleases.publishedAt));
  return new Map(rows.map((row) => [row.platform, row]));
}
