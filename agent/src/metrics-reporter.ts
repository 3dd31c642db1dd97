/**
 * Sends `monitoring-metrics` while a connection is established: one report
 * right after hello-ack, then one per interval. The next report is scheduled
 * only when the previous one finished, so slow samples never pile up.
 */
import type { MonitoringMetricsMessage, SystemLoad } from "../../src/protocol";
import type { Logger } from "./log";
import { errorMessage } from "./util";

export class MetricsReporter {
  private timer: NodeJS.Timeout | undefined;
  /**
   * Bumped by every start and stop. A tick whose sample was still running when
   * the loop was restarted (a quick reconnect) sees a newer generation and ends,
   * so two loops never run at once.
   */
  private generation = 0;

  constructor(
    private readonly sample: () => Promise<SystemLoad>,
    private readonly send: (message: MonitoringMetricsMessage) => void,
    private readonly log: Logger,
  ) {}

  start(intervalMs: number): void {
    this.stop();
    const generation = this.generation;
    const current = () => generation === this.generation;
    const tick = async () => {
      const startedAt = performance.now();
      try {
        const load = await this.sample();
        if (current()) this.send({ type: "monitoring-metrics", at: new Date().toISOString(), ...load });
      } catch (error) {
        this.log.warn("metrics-sample-failed", { error: errorMessage(error) });
      }
      // Sampling takes time itself; subtract it so reports keep the requested period.
      if (current()) this.timer = setTimeout(tick, Math.max(0, intervalMs - (performance.now() - startedAt)));
    };
    void tick();
  }

  stop(): void {
    this.generation += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
