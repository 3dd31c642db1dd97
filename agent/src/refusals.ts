/**
 * When to stop knocking. A gateway that closes our socket with 4001 has had this agent removed by
 * an operator: that is final at once. An upgrade refused with 401/403 may be a mistake that gets
 * corrected (a restored database, a proxy), so the agent keeps trying, slowly, until refusals
 * have lasted `giveUpAfterMs` without a single accepted connection in between.
 */

export const REMOVED_CLOSE_CODE = 4001;
export const DEFAULT_GIVE_UP_AFTER_MS = 60 * 60_000;

export type GiveUpReason = "removed" | "refused";

export class RefusalTracker {
  private firstRefusedAt: number | null = null;

  constructor(
    private readonly giveUpAfterMs = DEFAULT_GIVE_UP_AFTER_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The gateway accepted the agent (hello acknowledged): refusals start counting again from zero. */
  accepted(): void {
    this.firstRefusedAt = null;
  }

  get refusing(): boolean {
    return this.firstRefusedAt !== null;
  }

  /** An upgrade refused with 401/403; answers whether the agent should give up now. */
  refused(): boolean {
    const now = this.now();
    this.firstRefusedAt ??= now;
    return now - this.firstRefusedAt >= this.giveUpAfterMs;
  }
}
