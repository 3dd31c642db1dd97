/**
 * Agent entry point: reads options and files, runs the agent until SIGINT
 * or SIGTERM, and is the single place start-up errors are reported (one
 * log line, exit code 1).
 */
import { isSea } from "node:sea";
import { Agent, removeEnrollmentToken } from "./agent";
import { processCapabilityFor } from "./capabilities/processes";
import { systemInfoCapabilityFor } from "./capabilities/system-info";
import { parseCliOptions, resolveConfigPath, statePathFor } from "./cli";
import { loadServerConfig } from "./config";
import { createLogger, type Logger } from "./log";
import { StateStore } from "./state";
import { errorMessage } from "./util";
import { AGENT_VERSION } from "./version";

/** Safety net: a stuck handle must not keep a stopping agent alive. */
const EXIT_GRACE_MS = 5_000;

function nextShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
  });
}

async function run(log: Logger): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2));
  const configPath = resolveConfigPath(options, { isSingleExecutable: isSea(), execPath: process.execPath, cwd: process.cwd() });
  const config = await loadServerConfig(configPath);
  const store = new StateStore(statePathFor(configPath));
  const identity = await store.load();
  if (!identity && !config.enrollmentToken) {
    throw new Error(`${configPath} has no enrollmentToken and this machine has not enrolled yet`);
  }
  // Enrolled by an earlier version, or stopped between saving its identity and removing the token.
  if (identity && config.enrollmentToken) await removeEnrollmentToken(configPath, log);
  const capabilities = {
    processes: processCapabilityFor(process.platform),
    systemInfo: systemInfoCapabilityFor(process.platform),
  };
  const agent = new Agent({ config, configPath, store, identity, capabilities, log });
  log.info("starting", { agentVersion: AGENT_VERSION, platform: process.platform, configPath, enrolled: identity !== null });
  agent.start();
  const signal = await nextShutdownSignal();
  log.info("stopping", { signal });
  setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
  await agent.stop();
}

const log = createLogger();
run(log).then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    log.error("fatal", { error: errorMessage(error) });
    process.exitCode = 1;
  },
);
