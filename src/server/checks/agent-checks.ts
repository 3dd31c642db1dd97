/**
 * The checks the agent has to answer: ping (`run-check`, from the endpoint), a service's state
 * (`list-services`), a library script's exit code (a recorded script run, four-eyes rules
 * included) and an event-log count (`request-event-stats`). An agent that cannot be asked (offline,
 * no answer) fails the check with the reason: a check that cannot run is not passing.
 */
import type { CheckConfig } from "../contracts/checks";
import { runScriptOnAgents } from "../services/script-runs";
import type { ServiceContext } from "../services/service-context";
import { eventLogOutcome, failing, passIf, serviceOutcome } from "./agent-answers";
import type { CheckOutcome } from "./metric-checks";

type AgentConfig = Extract<CheckConfig, { checkType: "ping" | "winsvc" | "script" | "eventlog" }>;

const lastLines = (text: string, count = 3) => text.trim().split(/\r?\n/).slice(-count).join(" | ");

async function outcome(ctx: ServiceContext, agentId: string, config: AgentConfig): Promise<CheckOutcome> {
  switch (config.checkType) {
    case "ping": {
      const result = await ctx.request(agentId, "run-check", { check: "ping", host: config.host });
      if (!result.success) return failing(`${config.host} - no answer${result.output ? `: ${lastLines(result.output)}` : ""}`);
      return { status: "passing", moreInfo: `${config.host} - ${result.averageMs === undefined ? "answered" : `avg ${Math.round(result.averageMs)}ms`}` };
    }
    case "winsvc": {
      const { services } = await ctx.request(agentId, "list-services", {});
      return serviceOutcome(config, services);
    }
    case "script": {
      const { runs } = await runScriptOnAgents(ctx, { script: config.script, agentIds: [agentId], wait: true, args: config.args, timeoutSeconds: config.timeoutSeconds });
      const run = runs[0];
      if (!run) return failing(`${config.script}: the agent is unknown`);
      if (run.exitCode === null) return failing(`${config.script}: ${run.error ?? run.status}`);
      const stdout = run.stdout?.trim() ?? "";
      return passIf(run.exitCode === 0, `${config.script}: exit code ${run.exitCode}${stdout ? ` - ${lastLines(stdout)}` : ""}`);
    }
    case "eventlog": {
      const stats = await ctx.request(agentId, "request-event-stats", { sinceHours: config.hours });
      return eventLogOutcome(config, stats.logs);
    }
  }
}

export async function runAgentCheck(ctx: ServiceContext, agentId: string, config: AgentConfig): Promise<CheckOutcome> {
  try {
    return await outcome(ctx, agentId, config);
  } catch (error) {
    return failing(`could not run the check: ${error instanceof Error ? error.message : String(error)}`);
  }
}
