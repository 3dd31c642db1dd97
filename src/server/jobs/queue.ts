/**
 * Background jobs on PostgreSQL (pg-boss): each web process runs one queue on the shared database,
 * so a job that is sent once runs once, in whichever process fetches it first.
 *
 * A job is declared once with `defineJob` (its handler, its retry policy, and when it runs by
 * itself) and listed in registry.ts; startJobQueue creates its queue, works it and schedules it.
 * Two kinds of schedule:
 * - `cron`: pg-boss's scheduler. The schedule is a row in the database and one process a minute
 *   turns due schedules into jobs, so it fires once across processes; its granularity is a minute.
 * - `everySeconds`, for periods under a minute: every process offers the job once a period with
 *   pg-boss throttling (`singletonSeconds` = the period). A unique index keeps at most one job per
 *   period-long time slot, so the work runs once a period however many processes offer it, and goes
 *   on as long as any one process is alive. (A job that re-enqueues its successor was rejected: a
 *   single lost enqueue, a crash or an expired job, would end the chain silently.)
 * A failed job is retried with exponential backoff (RETRY_DEFAULTS unless the job says otherwise).
 */
import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { Db } from "../db/client";

/** The PostgreSQL schema pg-boss creates and owns. */
export const JOB_SCHEMA = "pgboss";

export type JobContext = { db: Db };

export type RetryPolicy = { retryLimit: number; retryDelaySeconds: number; retryBackoff: boolean };

/** Delays of about 30-60 s, 1-2 min, 2-4 min, 4-8 min and 8-16 min (jittered). */
export const RETRY_DEFAULTS: RetryPolicy = { retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true };

export type JobDefinition<Data = null> = {
  name: string;
  run(data: Data, context: JobContext): Promise<void>;
  retry?: Partial<RetryPolicy>;
  /** A run still going after this long counts as failed (default: 15 minutes). */
  timeoutSeconds?: number;
  schedule?: { cron: string } | { everySeconds: number };
};

/** Any job, whatever its data (for lists of jobs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any>;

export function defineJob<Data = null>(job: JobDefinition<Data>): JobDefinition<Data> {
  return job;
}

export type JobQueue = {
  send<Data>(job: JobDefinition<Data>, data: Data): Promise<void>;
  /** Lets running jobs finish (up to stopTimeoutMs) and closes the queue's connections. */
  stop(): Promise<void>;
};

export type JobQueueOptions = {
  url: string;
  db: Db;
  jobs: readonly AnyJob[];
  /** How often an idle worker asks for a job (pg-boss's minimum: 0.5). */
  pollingIntervalSeconds?: number;
  stopTimeoutMs?: number;
};

// pg-boss's types want an object; a scheduled job has no data and gets null.
const NO_DATA = null as unknown as object;

const report = (what: string) => (error: unknown) => console.error(`[jobs] ${what}:`, error);

const queueOptions = (job: AnyJob) => {
  const retry = { ...RETRY_DEFAULTS, ...job.retry };
  return {
    name: job.name,
    retryLimit: retry.retryLimit,
    retryDelay: retry.retryDelaySeconds,
    retryBackoff: retry.retryBackoff,
    expireInSeconds: job.timeoutSeconds ?? 15 * 60,
  };
};

/**
 * Starts pg-boss and creates or updates every job's queue and cron schedule, under a lock across
 * processes: web processes start together, and two of pg-boss's create-queue calls at once
 * deadlock (each adds a foreign key to the queue table the other has just written to).
 */
async function startBoss(boss: PgBoss, db: Db, jobs: readonly AnyJob[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${JOB_SCHEMA}: start`}))`);
    await boss.start();
    for (const job of jobs) {
      await boss.createQueue(job.name, queueOptions(job));
      // createQueue leaves an existing queue alone; this applies a changed retry policy.
      await boss.updateQueue(job.name, queueOptions(job));
    }
    const cronJobs = jobs.flatMap((job) => (job.schedule && "cron" in job.schedule ? [{ name: job.name, cron: job.schedule.cron }] : []));
    for (const { name, cron } of cronJobs) await boss.schedule(name, cron, undefined, { tz: "UTC" });
    // The registry is the source of truth: a job that lost its cron (or was removed) stops firing.
    for (const stale of await boss.getSchedules()) {
      if (!cronJobs.some((job) => job.name === stale.name)) await boss.unschedule(stale.name);
    }
  });
}

export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { db, jobs, pollingIntervalSeconds = 2, stopTimeoutMs = 5_000 } = options;
  const registered = new Map(jobs.map((job) => [job.name, job]));
  if (registered.size !== jobs.length) throw new Error("Two jobs share a name");

  // Its own small pool: pg-boss speaks `pg`, not the postgres client of the rest of the server.
  const boss = new PgBoss({ connectionString: options.url, schema: JOB_SCHEMA, max: 3, application_name: "rmm-jobs" });
  boss.on("error", report("queue error"));
  await startBoss(boss, db, jobs);

  const workerIds = new Map<string, string>();
  for (const job of jobs) {
    const workerId = await boss.work<unknown>(job.name, { pollingIntervalSeconds, includeMetadata: true }, async ([run]) => {
      try {
        await job.run(run!.data, { db });
      } catch (error) {
        report(`${job.name} failed (attempt ${run!.retryCount + 1} of ${run!.retryLimit + 1})`)(error);
        throw error;
      }
    });
    workerIds.set(job.name, workerId);
  }

  const offer = async (job: AnyJob, everySeconds: number) => {
    const id = await boss.sendThrottled(job.name, NO_DATA, {}, everySeconds);
    // This process won the slot: work it now rather than at the next poll.
    if (id) boss.notifyWorker(workerIds.get(job.name)!);
  };
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    if (!job.schedule || !("everySeconds" in job.schedule)) continue;
    const { everySeconds } = job.schedule;
    await offer(job, everySeconds);
    const timer = setInterval(() => void offer(job, everySeconds).catch(report(`offering ${job.name}`)), everySeconds * 1000);
    timer.unref();
    timers.push(timer);
  }

  return {
    async send(job, data) {
      if (registered.get(job.name) !== job) throw new Error(`Job ${job.name} is not in this queue's registry`);
      await boss.send(job.name, data as object);
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await boss.stop({ graceful: true, timeout: stopTimeoutMs });
    },
  };
}
