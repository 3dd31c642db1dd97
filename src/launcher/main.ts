/**
 * `npm start`: validates the configuration, starts embedded PostgreSQL when no DATABASE_URL is
 * given, applies migrations, seals TOTP secrets kept in clear, makes sure the default client and
 * site exist, creates the first admin, builds
 * what is missing, then runs the web and gateway processes until Ctrl-C (or SIGTERM), and stops
 * everything in order (shutdown.ts), however many times Ctrl-C is pressed. A crashed web or gateway process is restarted (supervisor.ts); only a crash
 * loop stops the product.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encryptPlainTotpSecrets } from "../server/auth/encrypt-totp-secrets";
import { deriveTotpKey } from "../server/auth/totp-secret-box";
import { ConfigError, parseConfig } from "../server/config";
import { prepareDataFolder } from "../server/data-folder";
import { createDb } from "../server/db/client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../server/db/embedded-postgres";
import { runMigrations } from "../server/db/migrate";
import { ensureDefaultSite } from "../server/services/clients";
import { ensureFirstAdmin } from "../server/services/users";
import { buildAgentIfNeeded, buildWebIfNeeded } from "./build";
import { startService, waitForHttp } from "./processes";
import { resolveAuthSecret } from "./secrets";
import { Shutdown } from "./shutdown";
import { crashLoopMessage, describeExit, OutputTail, Supervisor } from "./supervisor";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The data this version expects, after the schema migrations: secrets sealed, the default site, an admin to sign in with. */
async function prepareData(databaseUrl: string, authSecret: string, username: string, password: string | undefined) {
  const { db, sql } = createDb(databaseUrl, { max: 1 });
  try {
    const sealed = await encryptPlainTotpSecrets(db, deriveTotpKey(authSecret));
    if (sealed > 0) console.log(`[start] Encrypted ${sealed} TOTP secret(s) kept in clear by an earlier version.`);
    await ensureDefaultSite(db);
    const outcome = await ensureFirstAdmin(db, { username, password });
    if (outcome.created && outcome.generatedPassword) {
      console.log(`\n[start] Created the admin user '${username}' with the generated password:\n\n    ${outcome.generatedPassword}\n\n        It is shown only this once; sign in and keep it safe.\n`);
    } else if (outcome.created) {
      console.log(`[start] Created the admin user '${username}' from RMM_ADMIN_USERNAME / RMM_ADMIN_PASSWORD.`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Each start of the gateway gets a fresh id, and a restarted one is told the id of the gateway it
 * replaces: the launcher saw that process end, so its agents are shown offline (and requests
 * waiting on them answered) at once, not only when its heartbeat has gone stale.
 */
function gatewayArguments(): () => string[] {
  let previous: string | undefined;
  return () => {
    const id = randomUUID();
    const args = ["--gateway-id", id, ...(previous ? ["--replaces", previous] : [])];
    previous = id;
    return args;
  };
}

async function main() {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }

  const dataDir = path.resolve(root, config.RMM_DATA_DIR);
  await prepareDataFolder(dataDir);
  const authSecret = await resolveAuthSecret(dataDir, config.AUTH_SECRET);

  // Started in the background of a Ctrl-C too: the stop waits for it, so it is never left running.
  let embedded: Promise<EmbeddedPostgres | undefined> = Promise.resolve(undefined);
  const supervisors: Supervisor[] = [];
  const shutdown = new Shutdown({
    stopServices: async () => void (await Promise.all(supervisors.map((supervisor) => supervisor.stop()))),
    killServices: () => supervisors.forEach((supervisor) => supervisor.kill()),
    stopDatabase: async () => (await embedded.catch(() => undefined))?.stop(),
    log: (line) => console.log(line),
    exit: (code) => process.exit(code),
  });
  process.on("SIGINT", () => shutdown.onSignal("SIGINT"));
  process.on("SIGTERM", () => shutdown.onSignal("SIGTERM"));

  try {
    if (!config.DATABASE_URL) embedded = startEmbeddedPostgres({ dataDir, database: "rmm", log: (line) => console.log(`[postgres] ${line}`) });
    const databaseUrl = config.DATABASE_URL ?? (await embedded)!.url;
    await runMigrations(databaseUrl);
    await prepareData(databaseUrl, authSecret, config.RMM_ADMIN_USERNAME, config.RMM_ADMIN_PASSWORD);

    const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } as NodeJS.ProcessEnv;
    await buildWebIfNeeded(root, env);
    await buildAgentIfNeeded(root, process.env);

    const supervise = (name: string, entry: string, args: () => string[] = () => []) => {
      if (shutdown.stopping) return;
      const stderr = new OutputTail();
      const supervisor = new Supervisor(() => startService(path.join(root, entry), { cwd: root, env, args: args(), onStderrLine: (line) => stderr.add(line) }), {
        // The pid is logged on every start: operators (and the end-to-end tests) find the process by it.
        onStarted: (pid) => console.log(`[start] ${name} running (pid ${pid})`),
        onCrashed: (exit, restartInMs) => console.error(`[start] the ${name} process exited unexpectedly (${describeExit(exit)}); restarting it in ${restartInMs / 1000} s.`),
        onCrashLoop: (loop) => {
          console.error(crashLoopMessage(name, loop, stderr.last()));
          void shutdown.stop(1);
        },
      });
      supervisors.push(supervisor);
      supervisor.start();
    };
    supervise("web", "src/server/http/web-server.ts");
    supervise("gateway", "src/agent-gateway/main.ts", gatewayArguments());
    const alive = () => !shutdown.stopping;
    await waitForHttp(`http://127.0.0.1:${config.PORT}/sign-in`, 120_000, alive);
    await waitForHttp(`http://127.0.0.1:${config.GATEWAY_PORT}/healthz`, 30_000, alive);
    console.log(`\n  RMM dashboard: ${config.publicUrl}/\n  Agent gateway: port ${config.GATEWAY_PORT}\n  Press Ctrl-C to stop.\n`);
  } catch (error) {
    // Already stopping (Ctrl-C, or a crash loop that said why): nothing more to report.
    if (!shutdown.stopping) console.error("[start] start-up failed:", error instanceof Error ? error.message : error);
    await shutdown.stop(1);
  }
}

void main();
