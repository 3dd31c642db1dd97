/** The launcher's stop with fake steps: order, repeated Ctrl-C, forcing, and failures on the way. */
import { describe, expect, it } from "vitest";
import { Shutdown, type ShutdownSteps } from "./shutdown";

/** Services that take until released (or killed) to stop, and a record of every step in order. */
function harness(options: { servicesFail?: boolean } = {}) {
  const events: string[] = [];
  let releaseServices!: () => void;
  const servicesStopped = new Promise<void>((resolve) => (releaseServices = resolve));
  const steps: ShutdownSteps = {
    async stopServices() {
      events.push("stop services");
      await servicesStopped;
      if (options.servicesFail) throw new Error("gateway would not stop");
      events.push("services stopped");
    },
    killServices() {
      events.push("kill services");
      releaseServices();
    },
    async stopDatabase() {
      events.push("database stopped");
    },
    log: (line) => events.push(`log ${line}`),
    exit: (code) => events.push(`exit ${code}`),
  };
  return { shutdown: new Shutdown(steps), events, releaseServices };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("stopping the launcher", () => {
  it("stops the services, then PostgreSQL, then exits 0", async () => {
    const { shutdown, events, releaseServices } = harness();
    shutdown.onSignal("SIGINT");
    expect(shutdown.stopping).toBe(true);
    releaseServices();
    await settle();
    expect(events).toEqual(["log [start] stopping...", "stop services", "services stopped", "database stopped", "log [start] stopped.", "exit 0"]);
  });

  it("keeps the order when Ctrl-C is pressed again while the services drain", async () => {
    const { shutdown, events, releaseServices } = harness();
    shutdown.onSignal("SIGINT");
    shutdown.onSignal("SIGINT");
    await settle();
    expect(events).not.toContain("database stopped");
    expect(events).not.toContain("kill services");
    expect(events.some((event) => /already stopping \(PostgreSQL last\)/.test(event))).toBe(true);
    releaseServices();
    await settle();
    expect(events.slice(-3)).toEqual(["database stopped", "log [start] stopped.", "exit 0"]);
    expect(events.filter((event) => event.startsWith("exit"))).toHaveLength(1);
  });

  it("kills the services at the third signal, and still stops PostgreSQL before exiting", async () => {
    const { shutdown, events } = harness();
    shutdown.onSignal("SIGINT");
    shutdown.onSignal("SIGTERM");
    shutdown.onSignal("SIGINT");
    shutdown.onSignal("SIGINT");
    await settle();
    expect(events.filter((event) => event === "kill services")).toHaveLength(1);
    expect(events.slice(-3)).toEqual(["database stopped", "log [start] stopped.", "exit 0"]);
  });

  it("keeps the exit code of the first reason to stop (a crash loop), and a signal then only joins it", async () => {
    const { shutdown, events, releaseServices } = harness();
    void shutdown.stop(1);
    shutdown.onSignal("SIGINT");
    releaseServices();
    await settle();
    expect(events.filter((event) => event === "stop services")).toHaveLength(1);
    expect(events.at(-1)).toBe("exit 1");
  });

  it("stops PostgreSQL even when stopping the services failed, and exits 1", async () => {
    const { shutdown, events, releaseServices } = harness({ servicesFail: true });
    shutdown.onSignal("SIGTERM");
    releaseServices();
    await settle();
    expect(events.slice(-4)).toEqual(["log [start] stopping the services failed: gateway would not stop", "database stopped", "log [start] stopped.", "exit 1"]);
  });
});
