/**
 * The agent side of the file-transfer bench, as its own process (so its memory is not counted as
 * the server's): a protocol client answering the file commands with the real agent's file
 * capability. Started by file-transfer.ts with the agent's credentials and gateway URL in the
 * environment; it prints "ready" once the gateway has accepted its hello.
 */
import { fileHandlers, filesCapabilityFor } from "../agent/src/capabilities/files";
import { testCommandContext } from "../agent/src/commands/test-context";
import { FakeAgent } from "../src/test/fake-agent";

const { BENCH_GATEWAY_URL: url, BENCH_AGENT_ID: agentId, BENCH_AGENT_SECRET: agentSecret } = process.env;
if (!url || !agentId || !agentSecret) throw new Error("BENCH_GATEWAY_URL, BENCH_AGENT_ID and BENCH_AGENT_SECRET are required");

const agent = await FakeAgent.connect({ url, credentials: { agentId, agentSecret } });
// The fake agent records every message for tests; here that would hold 200 MB of commands.
agent.received.push = () => 0;
const context = testCommandContext();
for (const [type, handler] of Object.entries(fileHandlers(filesCapabilityFor("linux")))) {
  agent.handlers.set(type, async (command) => {
    try {
      return await (handler as (command: unknown, context: unknown) => Promise<unknown>)(command, context);
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      agent.send({ type: "command-result", commandId: command.commandId, ok: false, error: { code: code ?? "failed", message } });
      return undefined;
    }
  });
}
process.stdout.write("ready\n");
process.on("disconnect", () => process.exit(0));
