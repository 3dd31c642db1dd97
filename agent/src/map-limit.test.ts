import { describe, expect, it } from "vitest";
import { mapWithLimit } from "./map-limit";
import { sleep } from "./util";

describe("mapWithLimit", () => {
  it("keeps the order of the items and never runs more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const results = await mapWithLimit([5, 1, 4, 2, 3, 1, 2], 3, async (ms) => {
      most = Math.max(most, ++running);
      await sleep(ms);
      running--;
      return ms * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 10, 20]);
    expect(most).toBe(3);
  });

  it("answers an empty list for no items, and rejects with the first failure", async () => {
    expect(await mapWithLimit([], 4, async () => 1)).toEqual([]);
    await expect(mapWithLimit([1, 2], 4, async (n) => (n === 2 ? Promise.reject(new Error("boom")) : n))).rejects.toThrow("boom");
  });
});
