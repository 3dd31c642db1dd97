/**
 * The agent gateway process (see docs/protocol.md): started by the launcher, stopped by SIGTERM.
 * The launcher passes `--gateway-id` and, when it restarts a crashed gateway, `--replaces <id of
 * the crashed one>` (see launcher/main.ts); started by hand, both are optional.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { stopOnSignals } from "../launcher/processes";
import { AGENT_DIST_DIR } from "../server/services/agent-package";
import { deriveRelayTokenKey } from "../server/auth/relay-tokens";
import { getConfig, requireSetting } from "../server/config";
import { closeDb, getDb } from "../server/db/client";
import { createGateway } from "./gateway";

const argumentsSchema = z.object({ "gateway-id": z.uuid().optional(), replaces: z.uuid().optional() });

async function main() {
  const config = getConfig();
  const { values } = parseArgs({ options: { "gateway-id": { type: "string" }, replaces: { type: "string" } } });
  const args = argumentsSchema.parse(values);
  const gateway = await createGateway({
    db: getDb(),
    databaseUrl: requireSetting("DATABASE_URL"),
    publicUrl: config.publicUrl,
    presenceTimeoutMs: config.RMM_PRESENCE_TIMEOUT_MS,
    gatewayId: args["gateway-id"],
    replaces: args.replaces,
    updates: { distDir: path.resolve(AGENT_DIST_DIR), delayHours: config.AGENT_UPDATE_DELAY_HOURS },
    relay: { url: config.gatewayRelayUrl, key: deriveRelayTokenKey(requireSetting("AUTH_SECRET")) },
  });
  await gateway.listen(config.GATEWAY_PORT, config.HOST);
  console.log(`[gateway] ${gateway.gatewayId} listening on ${config.HOST}:${config.GATEWAY_PORT}`);

  const shutdown = async () => {
    await gateway.close().catch((error: unknown) => console.error("[gateway] shutdown:", error));
    await closeDb();
    process.exit(0);
  };
  stopOnSignals(() => void shutdown());
}

main().catch((error: unknown) => {
  console.error("[gateway] failed to start:", error);
  process.exit(1);
});
