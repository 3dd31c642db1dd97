/** The agent gateway process (see docs/protocol.md): started by the launcher, stopped by SIGTERM. */
import path from "node:path";
import { exitWithParent } from "../launcher/processes";
import { AGENT_DIST_DIR } from "../server/services/agent-package";
import { getConfig, requireSetting } from "../server/config";
import { closeDb, getDb } from "../server/db/client";
import { createGateway } from "./gateway";

async function main() {
  const config = getConfig();
  const gateway = await createGateway({
    db: getDb(),
    databaseUrl: requireSetting("DATABASE_URL"),
    publicUrl: config.publicUrl,
    presenceTimeoutMs: config.RMM_PRESENCE_TIMEOUT_MS,
    updates: { distDir: path.resolve(AGENT_DIST_DIR), delayHours: config.AGENT_UPDATE_DELAY_HOURS },
  });
  await gateway.listen(config.GATEWAY_PORT, config.HOST);
  console.log(`[gateway] ${gateway.gatewayId} listening on ${config.HOST}:${config.GATEWAY_PORT}`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await gateway.close().catch((error: unknown) => console.error("[gateway] shutdown:", error));
    await closeDb();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  exitWithParent(() => void shutdown());
}

main().catch((error: unknown) => {
  console.error("[gateway] failed to start:", error);
  process.exit(1);
});
