/**
 * When an agent gets a new release, and how its update stands, decided in one place for the
 * gateway (which offers) and the dashboard (which shows). Pure: facts and a clock in, a decision
 * out. Rings: `pilot` agents are due as soon as a release is published, `general` ones
 * AGENT_UPDATE_DELAY_HOURS later. A version an agent rolled back from is never offered to it
 * again; a failed or declined one is offered again after an hour; an offer that went quiet
 * (the agent disconnected mid-download) after half an hour.
 */
import type { AgentUpdateView } from "../contracts/agents";
import type { agents } from "../db/schema";

export const RETRY_FAILED_AFTER_MS = 60 * 60_000;
export const IN_PROGRESS_TIMEOUT_MS = 30 * 60_000;

export type UpdateFacts = Pick<typeof agents.$inferSelect, "agentVersion" | "updateRing" | "updateVersion" | "updateState" | "updateMessage" | "updateAt">;

export interface ReleaseFacts {
  version: string;
  publishedAt: Date;
}

/** Numeric `major.minor.patch`; a pre-release (`1.2.0-rc.1`) sorts before its release; anything unparsable is oldest. */
export function compareVersions(a: string, b: string): number {
  const parse = (version: string) => {
    const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(version);
    return match ? { numbers: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] ?? null } : null;
  };
  const left = parse(a);
  const right = parse(b);
  if (!left || !right) return left ? 1 : right ? -1 : 0;
  for (let index = 0; index < 3; index++) {
    const difference = left.numbers[index]! - right.numbers[index]!;
    if (difference !== 0) return Math.sign(difference);
  }
  if (left.pre === right.pre) return 0;
  if (left.pre === null) return 1;
  if (right.pre === null) return -1;
  return left.pre < right.pre ? -1 : 1;
}

export function updateDueAt(ring: UpdateFacts["updateRing"], release: ReleaseFacts, delayHours: number): Date {
  return new Date(release.publishedAt.getTime() + (ring === "pilot" ? 0 : delayHours * 3_600_000));
}

export type OfferDecision = "offer" | "not-newer" | "not-due" | "in-progress" | "given-up";

export function decideOffer(facts: UpdateFacts, release: ReleaseFacts, now: Date, delayHours: number): OfferDecision {
  if (facts.agentVersion !== null && compareVersions(release.version, facts.agentVersion) <= 0) return "not-newer";
  if (now < updateDueAt(facts.updateRing, release, delayHours)) return "not-due";
  if (facts.updateVersion !== release.version || !facts.updateState) return "offer";
  const since = now.getTime() - (facts.updateAt?.getTime() ?? 0);
  switch (facts.updateState) {
    case "rolled-back":
      return "given-up";
    case "failed":
    case "declined":
      return since < RETRY_FAILED_AFTER_MS ? "given-up" : "offer";
    case "offered":
    case "downloading":
    case "installing":
      return since < IN_PROGRESS_TIMEOUT_MS ? "in-progress" : "offer";
    case "updated":
      return "offer";
  }
}

/** What the dashboard shows (contracts/agents.ts explains the states). */
export function describeUpdate(facts: UpdateFacts, release: ReleaseFacts | undefined, now: Date, delayHours: number): AgentUpdateView {
  const current: AgentUpdateView = { state: "current", version: null, dueAt: null, message: null };
  if (!release || (facts.agentVersion !== null && compareVersions(release.version, facts.agentVersion) <= 0)) return current;
  const dueAt = updateDueAt(facts.updateRing, release, delayHours);
  const view = { version: release.version, dueAt: dueAt.toISOString(), message: null };
  if (facts.updateVersion === release.version && facts.updateState && facts.updateState !== "updated") {
    return { ...view, state: facts.updateState, message: facts.updateMessage ?? null };
  }
  return { ...view, state: now < dueAt ? "scheduled" : "pending" };
}
