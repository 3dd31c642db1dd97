/**
 * How an agent's answer decides a check, apart from asking for it: a service's state against the
 * expected one, and an event-log count against the allowed number. A check whose subject the agent
 * does not report (no such service, no log of that name) fails and says what the agent does have:
 * a check that cannot look is not passing.
 */
import type { CheckConfig } from "../contracts/checks";
import type { EventLogCounts, ServiceInfo } from "../../protocol";
import type { CheckOutcome } from "./metric-checks";

type ServiceCheck = Extract<CheckConfig, { checkType: "winsvc" }>;
type EventLogCheck = Extract<CheckConfig, { checkType: "eventlog" }>;

export const failing = (moreInfo: string): CheckOutcome => ({ status: "failing", moreInfo });
export const passIf = (ok: boolean, moreInfo: string): CheckOutcome => ({ status: ok ? "passing" : "failing", moreInfo });

export function serviceOutcome(config: ServiceCheck, services: ServiceInfo[]): CheckOutcome {
  const wanted = config.service.toLowerCase();
  // systemd units may be named with or without their `.service` suffix.
  const service = services.find((candidate) => candidate.name.toLowerCase() === wanted || candidate.name.toLowerCase() === `${wanted}.service`);
  if (!service) return failing(`${config.service}: no such service`);
  return passIf(service.status.toLowerCase() === config.expected.toLowerCase(), `${service.displayName ?? service.name}: ${service.status} (expected ${config.expected})`);
}

export function eventLogOutcome(config: EventLogCheck, logs: EventLogCounts[]): CheckOutcome {
  const named = config.log?.toLowerCase();
  const counted = named === undefined ? logs : logs.filter((entry) => entry.log.toLowerCase() === named);
  // A Linux machine without a journal reports its kernel log instead: a check of "journal" there must say so, not count nothing.
  if (named !== undefined && counted.length === 0) return failing(`the agent reports no log named ${config.log} (its logs: ${logs.map((entry) => entry.log).join(", ") || "none"})`);
  const found = counted.reduce((sum, entry) => sum + entry[config.level], 0);
  return passIf(found <= config.maxCount, `${found} ${config.level} entries in ${config.log ?? "all logs"} in the last ${config.hours} h (at most ${config.maxCount} allowed)`);
}
