/**
 * The agent build as the launcher runs it, in a child process of its own (see build.ts): quiet
 * when the builds are up to date, each step logged with the `[agent-build]` prefix otherwise.
 */
import { buildAgent } from "../../agent/build/build-agent";

buildAgent({ log: (line) => console.log(`[agent-build] ${line}`) }).catch((error: unknown) => {
  console.error(`[agent-build] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
