/**
 * The launcher's stop: the web and gateway processes first, PostgreSQL last, then exit, once.
 * People press Ctrl-C more than once, and a signal handled with `once` leaves the next one to
 * Node's default (die at once), which abandoned the stop half-way and left PostgreSQL running.
 * So every SIGINT/SIGTERM is handled: the first starts the stop, the second only says it is under
 * way, the third forces the services down (SIGKILL), and PostgreSQL is still stopped before exit.
 */

export type ShutdownSteps = {
  /** Stops the services and waits until they have exited. */
  stopServices(): Promise<void>;
  /** Ends the services at once; the pending stopServices() then resolves. */
  killServices(): void;
  stopDatabase(): Promise<void>;
  log(line: string): void;
  exit(code: number): void;
};

export class Shutdown {
  private stopped: Promise<void> | undefined;
  private repeatedSignals = 0;

  constructor(private readonly steps: ShutdownSteps) {}

  get stopping(): boolean {
    return this.stopped !== undefined;
  }

  /** Starts the stop (or joins the one under way); the exit code of the first call is kept. */
  stop(exitCode: number): Promise<void> {
    this.stopped ??= this.run(exitCode);
    return this.stopped;
  }

  /** For SIGINT and SIGTERM, every time they arrive. */
  onSignal(signal: NodeJS.Signals): void {
    if (!this.stopping) {
      void this.stop(0);
      return;
    }
    this.repeatedSignals += 1;
    if (this.repeatedSignals === 1) {
      this.steps.log(`[start] ${signal}: already stopping (PostgreSQL last); once more to kill the web and gateway processes at once.`);
    } else if (this.repeatedSignals === 2) {
      this.steps.log(`[start] ${signal}: killing the web and gateway processes; PostgreSQL is still stopped cleanly.`);
      this.steps.killServices();
    }
  }

  private async run(exitCode: number): Promise<void> {
    this.steps.log("[start] stopping...");
    // A failing step is reported and the next still runs: PostgreSQL must not outlive the launcher.
    const failed = (what: string) => (error: unknown) => {
      this.steps.log(`[start] stopping ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      exitCode = 1;
    };
    await this.steps.stopServices().catch(failed("the services"));
    await this.steps.stopDatabase().catch(failed("PostgreSQL"));
    this.steps.log("[start] stopped.");
    this.steps.exit(exitCode);
  }
}
