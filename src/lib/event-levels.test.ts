import { describe, expect, it } from "vitest";
import { countsByLevel } from "./event-levels";

describe("a device's event counts", () => {
  it("adds up every log per level", () => {
    expect(
      countsByLevel([
        { log: "System", critical: 1, error: 2, warning: 14, information: 812 },
        { log: "Application", critical: 0, error: 3, warning: 0, information: 1210 },
      ]),
    ).toEqual({ critical: 1, error: 5, warning: 14, information: 2022 });
    expect(countsByLevel([])).toEqual({ critical: 0, error: 0, warning: 0, information: 0 });
  });
});
