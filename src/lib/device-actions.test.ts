import { describe, expect, it } from "vitest";
import { summarizeActionMany } from "./device-actions";

describe("summarizeActionMany", () => {
  it("counts the accepted devices and names the skipped and failed ones", () => {
    const summary = summarizeActionMany({
      action: "restart",
      results: [
        { agentId: "a", name: "PC-1", outcome: "accepted" },
        { agentId: "b", name: "PC-2", outcome: "accepted" },
        { agentId: "c", name: "PC-3", outcome: "skipped", message: "offline" },
        { agentId: "d", name: "PC-4", outcome: "failed", message: "did not answer" },
      ],
    });
    expect(summary).toBe("Restart: accepted by 2 devices. Skipped (offline): PC-3. Failed: PC-4 (did not answer).");
  });

  it("says nothing of skipped or failed devices when there are none", () => {
    expect(summarizeActionMany({ action: "shutdown", results: [{ agentId: "a", name: "PC-1", outcome: "accepted" }] })).toBe("Shut down: accepted by 1 device.");
  });
});
