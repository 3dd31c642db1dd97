/**
 * Server-side evaluation of monitoring rules, in the gateway that receives the agent's samples:
 * each agent's recent samples are kept in memory (as long as the longest window allows, an hour
 * at most), and each sample re-evaluates the rules of the profiles watching that agent. Rules and
 * open alerts are cached per agent for a minute, and reloaded at once when profiles change
 * (`monitoringChanged`); the alerts table stays the truth, so an agent that moves to another
 * gateway, or an alert a technician resolved, is picked up from there.
 */
import type { MonitoringMetricsMessage } from "../protocol";
import type { Db } from "../server/db/client";
import { decide, type TimedSample } from "../server/monitoring/rule-evaluation";
import { autoResolveRuleAlert, openRuleAlerts, raiseRuleAlert } from "../server/services/alerts";
import { profilesForAgent, type AgentRuleSet } from "../server/services/monitoring-profiles";

const CACHE_MS = 60_000;
const MAX_WINDOW_MS = 3_600_000;

type AgentState = { ruleSet: AgentRuleSet; open: Set<string>; loadedAt: number };

export class MonitoringEvaluator {
  private readonly samples = new Map<string, TimedSample[]>();
  private readonly states = new Map<string, AgentState>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Profiles or assignments changed somewhere: reload every agent's rules at its next sample. */
  invalidate(): void {
    this.states.clear();
  }

  /** The agent left this gateway. */
  forget(agentId: string): void {
    this.samples.delete(agentId);
    this.states.delete(agentId);
  }

  async onMetrics(agentId: string, message: MonitoringMetricsMessage): Promise<void> {
    const now = this.now();
    const list = this.samples.get(agentId) ?? [];
    list.push({ at: Math.min(Date.parse(message.at), now), cpuPercent: message.cpuPercent, memoryPercent: message.memoryPercent, diskPercent: message.diskPercent, network: message.network });
    while (list.length > 0 && list[0]!.at < now - MAX_WINDOW_MS) list.shift();
    this.samples.set(agentId, list);

    const state = await this.stateOf(agentId, now);
    if (!state) return;
    for (const profile of state.ruleSet.profiles) {
      for (const rule of profile.rules) {
        const { action, average } = decide(rule, list, state.open.has(rule.id), now);
        if (action === "raise") {
          await raiseRuleAlert(this.db, { agentId, agentName: state.ruleSet.agentName, profile, rule, value: average! });
          state.open.add(rule.id);
        } else if (action === "clear") {
          await autoResolveRuleAlert(this.db, { agentId, agentName: state.ruleSet.agentName, profile, ruleId: rule.id, value: average! });
          state.open.delete(rule.id);
        }
      }
    }
  }

  private async stateOf(agentId: string, now: number): Promise<AgentState | null> {
    const cached = this.states.get(agentId);
    if (cached && now - cached.loadedAt < CACHE_MS) return cached;
    const ruleSet = await profilesForAgent(this.db, agentId);
    if (!ruleSet) return null;
    const state = { ruleSet, open: ruleSet.profiles.length > 0 ? await openRuleAlerts(this.db, agentId) : new Set<string>(), loadedAt: now };
    this.states.set(agentId, state);
    return state;
  }
}
