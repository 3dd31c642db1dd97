import { describe, expect, it } from "vitest";
import { agentUpdateLabel } from "./agent-update";

const view = (state: Parameters<typeof agentUpdateLabel>[0]["state"], version: string | null = "0.2.0") => ({ state, version, dueAt: null, message: null });

describe("agent update labels", () => {
  it("says nothing for an agent that is current", () => {
    expect(agentUpdateLabel(view("current", null))).toBeNull();
  });

  it("names the version while it is on its way, and warns when it did not arrive", () => {
    expect(agentUpdateLabel(view("downloading"))).toEqual({ tone: "info", label: "Updating to 0.2.0" });
    expect(agentUpdateLabel(view("scheduled"))).toEqual({ tone: "neutral", label: "0.2.0 scheduled" });
    expect(agentUpdateLabel(view("failed"))).toEqual({ tone: "danger", label: "Update to 0.2.0 failed" });
    expect(agentUpdateLabel(view("rolled-back"))).toEqual({ tone: "warning", label: "Rolled back from 0.2.0" });
  });
});
