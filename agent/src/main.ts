/**
 * Agent entry point: `run` (the default) reads options and files and runs the agent until a
 * signal or until the agent itself must end (removed, uninstalled, updated); `install` and
 * `uninstall` set up or remove the service. The single place errors are reported (one log line,
 * exit code 1) and the exit code is chosen (exit-codes.ts).
 */
import { isSea } from "node:sea";
import { z } from "zod";
import { Agent, removeEnrollmentToken, type AgentEnd } from "./agent";
import { capabilitiesFor } from "./capabilities/registry";
import { parseCliOptions, resolveConfigPath, statePathFor, type RunOptions, type Runtime } from "./cli";
import { loadServerConfig } from "./config";
import { EXIT_CODES, exitCodeFor } from "./exit-codes";
import { createLogger, type Logger } from "./log";
import { installService, selfRemovalSteps, systemServiceEnvironment, uninstallService } from "./service";
import { runSteps } from "./service/steps";
import { StateStore } from "./state";
import { errorMessage } from "./util";
import { AGENT_VERSION } from "./version";

/** Safety net: a stuck handle must not keep a stopping agent alive. */
const EXIT_GRACE_MS = 5_000;

/**
 * Shorter waits for the agent's own integration tests, which run it as a child process (there is
 * no other way to hand it a clock). Not for production use.
 */
const testTimings = z.object({ giveUpAfterRefusedMs: z.number().int().positive().optional(), confirmUpdateWithinMs: z.number().int().positive().optional() });

function nextShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
  });
}

async function run(options: RunOptions, runtime: Runtime, log: Logger): Promise<number> {
  const configPath = resolveConfigPath(options, runtime);
  const config = await loadServerConfig(configPath);
  const store = new StateStore(statePathFor(configPath));
  const identity = await store.load();
  if (!identity && !config.enrollmentToken) {
    throw new Error(`${configPath} has no enrollmentToken and this machine has not enrolled yet`);
  }
  // Enrolled by an earlier version, or stopped between saving its identity and removing the token.
  if (identity && config.enrollmentToken) await removeEnrollmentToken(configPath, log);
  const timings = testTimings.parse(JSON.parse(process.env.RMM_AGENT_TEST_TIMINGS ?? "{}"));
  const capabilities = capabilitiesFor(process.platform);
  const cannotUpdate = !runtime.isSingleExecutable
    ? "running from source"
    : !options.service
      ? "not installed as a service: run `rmm-agent install` so it can update itself"
      : null;
  const agent = new Agent({
    config,
    configPath,
    store,
    identity,
    capabilities,
    log,
    service: options.service,
    connection: { giveUpAfterRefusedMs: timings.giveUpAfterRefusedMs },
    update: { binary: runtime.execPath, cannotUpdate, confirmWithinMs: timings.confirmUpdateWithinMs },
  });
  log.info("starting", { agentVersion: AGENT_VERSION, platform: process.platform, configPath, enrolled: identity !== null, service: options.service });
  await agent.start();
  const end = await Promise.race([nextShutdownSignal().then((signal) => ({ reason: "signal" as const, signal })), agent.ended]);
  log.info("stopping", { reason: end.reason, ...("signal" in end ? { signal: end.signal } : {}), ...("detail" in end ? { detail: end.detail } : {}) });
  await agent.stop();
  if (end.reason === "signal") return EXIT_CODES.stopped;
  return finish(end, { options, runtime, configPath, log });
}

async function finish(end: AgentEnd, { options, runtime, configPath, log }: { options: RunOptions; runtime: Runtime; configPath: string; log: Logger }): Promise<number> {
  switch (end.reason) {
    case "revoked":
      log.error("revoked", {
        detail: end.detail,
        message:
          end.detail === "removed"
            ? "this agent was removed on the server; it will not connect again"
            : "the gateway has refused this agent's credentials for too long; giving up. To enroll again, delete agent-state.json and put a new enrollmentToken in server.json",
      });
      return exitCodeFor("revoked", process.platform);
    case "restart":
      return EXIT_CODES.restart;
    case "uninstall": {
      const environment = systemServiceEnvironment(log, runtime.isSingleExecutable);
      await runSteps(selfRemovalSteps(environment, { service: options.service, configPath }), { dryRun: false, log });
      log.info("uninstalled", { service: options.service });
      // Under systemd the unit is gone; a code it does not restart on guards the moment before it notices.
      return options.service ? exitCodeFor("revoked", process.platform) : EXIT_CODES.stopped;
    }
  }
}

async function main(log: Logger): Promise<number> {
  const options = parseCliOptions(process.argv.slice(2));
  const runtime: Runtime = { isSingleExecutable: isSea(), execPath: process.execPath, cwd: process.cwd() };
  switch (options.command) {
    case "run":
      return run(options, runtime, log);
    case "install":
      await installService(systemServiceEnvironment(log, runtime.isSingleExecutable), { configPath: resolveConfigPath(options, runtime), dryRun: options.dryRun });
      return EXIT_CODES.stopped;
    case "uninstall":
      await uninstallService(systemServiceEnvironment(log, runtime.isSingleExecutable), { dryRun: options.dryRun });
      return EXIT_CODES.stopped;
  }
}

const log = createLogger();
main(log).then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  },
  (error: unknown) => {
    log.error("fatal", { error: errorMessage(error) });
    process.exitCode = EXIT_CODES.fatal;
  },
);
