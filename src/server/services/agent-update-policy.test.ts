import { describe, expect, it } from "vitest";
import { compareVersions, decideOffer, describeUpdate, type UpdateFacts } from "./agent-update-policy";

const published = new Date("2026-03-01T12:00:00Z");
const release = { version: "0.2.0", publishedAt: published };
const hours = (n: number) => new Date(published.getTime() + n * 3_600_000);
const facts = (overrides: Partial<UpdateFacts> = {}): UpdateFacts => ({ agentVersion: "0.1.0", updateRing: "general", updateVersion: null, updateState: null, updateMessage: null, updateAt: null, ...overrides });

describe("agent versions", () => {
  it("compares numerically, a pre-release before its release", () => {
    expect(compareVersions("0.10.0", "0.9.9")).toBe(1);
    expect(compareVersions("1.2.3", "1.2.3")).toBe(0);
    expect(compareVersions("1.2.3-rc.1", "1.2.3")).toBe(-1);
    expect(compareVersions("0.0.0-test", "0.1.0")).toBe(-1);
    expect(compareVersions("garbage", "0.0.1")).toBe(-1);
  });
});

describe("when an agent is offered a release", () => {
  it("offers pilot agents at once and the rest after the delay", () => {
    expect(decideOffer(facts({ updateRing: "pilot" }), release, hours(0), 24)).toBe("offer");
    expect(decideOffer(facts(), release, hours(23.9), 24)).toBe("not-due");
    expect(decideOffer(facts(), release, hours(24), 24)).toBe("offer");
  });

  it("never offers the same or an older version", () => {
    expect(decideOffer(facts({ agentVersion: "0.2.0" }), release, hours(48), 24)).toBe("not-newer");
    expect(decideOffer(facts({ agentVersion: "0.3.0" }), release, hours(48), 24)).toBe("not-newer");
  });

  it("does not offer again while an offer is in progress, unless it went quiet for half an hour", () => {
    const offered = facts({ updateRing: "pilot", updateVersion: "0.2.0", updateState: "downloading", updateAt: hours(1) });
    expect(decideOffer(offered, release, hours(1.4), 24)).toBe("in-progress");
    expect(decideOffer(offered, release, hours(1.6), 24)).toBe("offer");
  });

  it("never again offers a version the agent rolled back from; retries a failed one after an hour", () => {
    expect(decideOffer(facts({ updateRing: "pilot", updateVersion: "0.2.0", updateState: "rolled-back", updateAt: hours(1) }), release, hours(500), 24)).toBe("given-up");
    const failed = facts({ updateRing: "pilot", updateVersion: "0.2.0", updateState: "failed", updateAt: hours(1) });
    expect(decideOffer(failed, release, hours(1.5), 24)).toBe("given-up");
    expect(decideOffer(failed, release, hours(2), 24)).toBe("offer");
  });

  it("offers a newer release even after the previous one failed", () => {
    expect(decideOffer(facts({ updateRing: "pilot", updateVersion: "0.1.5", updateState: "rolled-back", updateAt: hours(0) }), release, hours(0), 24)).toBe("offer");
  });
});

describe("what the dashboard says about an agent's update", () => {
  it("is current without a newer release", () => {
    expect(describeUpdate(facts({ agentVersion: "0.2.0" }), release, hours(0), 24)).toEqual({ state: "current", version: null, dueAt: null, message: null });
    expect(describeUpdate(facts(), undefined, hours(0), 24).state).toBe("current");
  });

  it("is scheduled until its ring is due, then pending", () => {
    expect(describeUpdate(facts(), release, hours(1), 24)).toEqual({ state: "scheduled", version: "0.2.0", dueAt: hours(24).toISOString(), message: null });
    expect(describeUpdate(facts(), release, hours(25), 24).state).toBe("pending");
  });

  it("carries the agent's report of the latest offer", () => {
    const view = describeUpdate(facts({ updateVersion: "0.2.0", updateState: "rolled-back", updateMessage: "0.2.0 did not connect within 60 s", updateAt: hours(30) }), release, hours(31), 24);
    expect(view).toMatchObject({ state: "rolled-back", version: "0.2.0", message: "0.2.0 did not connect within 60 s" });
  });
});
