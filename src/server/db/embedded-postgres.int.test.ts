/**
 * The embedded server's files in a data folder of their own (the suite's shared server is started
 * by global-postgres.ts): secrets and the log readable by their owner only.
 */
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DATA_FILES } from "../data-folder";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;
/** When the tests run as root, PostgreSQL runs as the `postgres` OS user and must traverse the folder. */
const runsAsAnotherUser = process.getuid?.() === 0;

let parent: string;
let dataDir: string;
let server: EmbeddedPostgres | undefined;

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), "rmm-embedded-pg-"));
  if (runsAsAnotherUser) await chmod(parent, 0o711);
  dataDir = path.join(parent, "data");
  server = await startEmbeddedPostgres({ dataDir, database: "files" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await rm(parent, { recursive: true, force: true });
});

describe("embedded PostgreSQL's files", () => {
  it("keeps its log and password readable by their owner only, in a private folder", async () => {
    expect(await modeOf(path.join(dataDir, DATA_FILES.postgresLog))).toBe(0o600);
    expect(await modeOf(path.join(dataDir, DATA_FILES.postgresPassword))).toBe(0o600);
    expect(await modeOf(dataDir)).toBe(runsAsAnotherUser ? 0o711 : 0o700);
    expect(await modeOf(path.join(dataDir, DATA_FILES.postgresCluster))).toBe(0o700);
  });

  it("tightens a log an earlier version left world-readable, and keeps appending to it", async () => {
    await server!.stop();
    const log = path.join(dataDir, DATA_FILES.postgresLog);
    await writeFile(log, "line from an earlier run\n", { mode: 0o644 });
    await chmod(log, 0o644);
    server = await startEmbeddedPostgres({ dataDir, database: "files" });
    expect(await modeOf(log)).toBe(0o600);
    await server.stop();
    // The server's own output still reaches the log, through the shutdown.
    await vi.waitFor(async () => expect(await readFile(log, "utf8")).toMatch(/database system is shut down/), { timeout: 5_000, interval: 50 });
    expect((await readFile(log, "utf8")).startsWith("line from an earlier run\n")).toBe(true);
  });
});
