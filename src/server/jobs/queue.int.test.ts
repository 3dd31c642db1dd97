import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { defineJob, JOB_SCHEMA, startJobQueue, type AnyJob, type JobQueue } from "./queue";

let t: TestDatabase;
const started: JobQueue[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((queue) => queue.stop()));
  vi.restoreAllMocks();
});
afterAll(() => t.close());

/** One web process's queue. */
async function startProcess(jobs: AnyJob[]): Promise<JobQueue> {
  const queue = await startJobQueue({ url: t.url, db: t.db, jobs, pollingIntervalSeconds: 0.5, stopTimeoutMs: 1_000 });
  started.push(queue);
  return queue;
}

const jobsNamed = async (name: string) => (await t.sql.unsafe(`select state from ${JOB_SCHEMA}.job where name = $1`, [name])).map((row) => row.state as string);

describe("job queue", () => {
  it("runs a periodic job once a period, however many processes offer it", async () => {
    let runs = 0;
    // An hour-long period: both processes offer it within the same slot.
    const tick = defineJob({ name: "tick", schedule: { everySeconds: 3600 }, run: async () => void runs++ });
    await Promise.all([startProcess([tick]), startProcess([tick])]);
    await vi.waitFor(async () => expect(await jobsNamed("tick")).toEqual(["completed"]), { timeout: 5_000, interval: 100 });
    expect(runs).toBe(1);
  });

  it("retries a failing job after a delay, then completes it", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const attempts: { at: number; device: string }[] = [];
    // Only the delay is shortened: the limit and the backoff are the defaults.
    const flaky = defineJob<{ device: string }>({
      name: "flaky",
      retry: { retryDelaySeconds: 1 },
      run: async ({ device }) => {
        attempts.push({ at: Date.now(), device });
        if (attempts.length === 1) throw new Error("database busy");
      },
    });
    const queue = await startProcess([flaky]);
    await queue.send(flaky, { device: "d1" });
    await vi.waitFor(async () => expect(await jobsNamed("flaky")).toEqual(["completed"]), { timeout: 8_000, interval: 100 });
    expect(attempts.map((attempt) => attempt.device)).toEqual(["d1", "d1"]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1_000);
    expect(console.error).toHaveBeenCalledWith("[jobs] flaky failed (attempt 1 of 6):", expect.any(Error));
  });

  it("refuses to send a job it does not run", async () => {
    const queue = await startProcess([]);
    const stray = defineJob({ name: "stray", run: async () => {} });
    await expect(queue.send(stray, null)).rejects.toThrow("not in this queue's registry");
  });
});
