/**
 * A relay's watch on its agent: armed while the relay waits on the agent (credit granted and no
 * bytes, or an answer owed), disarmed while the agent waits on the relay (a slow HTTP client is
 * not the agent's fault and may take as long as it likes).
 */
export class StallTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly onStall: () => void,
  ) {}

  /** Restarts the wait when `waitingOnAgent`, else stops it. */
  update(waitingOnAgent: boolean): void {
    clearTimeout(this.timer);
    this.timer = waitingOnAgent ? setTimeout(this.onStall, this.timeoutMs) : undefined;
  }

  stop(): void {
    this.update(false);
  }
}
