/**
 * The data folder (RMM_DATA_DIR) and its files: the generated AUTH_SECRET, the embedded
 * PostgreSQL's password, files and log. Everything in it is for this OS user only: secrets and the
 * log are 0600, the folder 0700 (0711 when PostgreSQL runs as another OS user and must reach its
 * own folder inside: traverse, not list).
 */
import { existsSync } from "node:fs";
import { chmod, mkdir, open, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";

export const DATA_FILES = {
  authSecret: "auth-secret",
  postgresPassword: "postgres-password",
  postgresLog: "postgres.log",
  postgresCluster: "postgres",
} as const;

const PRIVATE_FILE = 0o600;

/**
 * Creates the folder, or tightens it when it already holds our secrets. A folder that exists but
 * is not recognisably ours (RMM_DATA_DIR pointed at a shared folder by mistake) keeps its mode;
 * it only gains the traverse bits when another OS user must reach inside.
 */
export async function prepareDataFolder(dir: string, { othersMayTraverse = false } = {}): Promise<void> {
  const mode = othersMayTraverse ? 0o711 : 0o700;
  const created = await mkdir(dir, { recursive: true, mode });
  const ours = created !== undefined || [DATA_FILES.authSecret, DATA_FILES.postgresPassword].some((name) => existsSync(path.join(dir, name)));
  if (ours) await chmod(dir, mode);
  else if (othersMayTraverse) await chmod(dir, (await stat(dir)).mode | 0o011);
}

/** A secret kept in a file: read (and made private, should a copy have loosened it), or generated once. */
export async function readOrCreateSecretFile(file: string, generate: () => string): Promise<string> {
  if (existsSync(file)) {
    await chmod(file, PRIVATE_FILE);
    return (await readFile(file, "utf8")).trim();
  }
  const secret = generate();
  // "wx": never write through a file (or link) that appeared in the meantime.
  await writeFile(file, `${secret}\n`, { mode: PRIVATE_FILE, flag: "wx" });
  return secret;
}

/** An append-only log readable by its owner only, from its first byte (the mode is set before anything is written). */
export async function openPrivateLog(file: string): Promise<Writable> {
  const handle = await open(file, "a", PRIVATE_FILE);
  // `open` applies the mode only when it creates the file; a log from an earlier version may be looser.
  await handle.chmod(PRIVATE_FILE);
  return handle.createWriteStream();
}
