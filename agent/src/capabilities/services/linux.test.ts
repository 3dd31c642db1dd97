import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CommandError } from "../../command-error";
import type { ServiceCapability } from "./index";
import { NO_SYSTEMD, systemdOrInitScripts, systemdServices, type SystemdHost } from "./linux";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

/** A systemd machine from the fixtures that records every systemctl call; `fail` makes actions fail with that stderr line. */
function fakeHost({ booted = true, fail }: { booted?: boolean; fail?: string } = {}): SystemdHost & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    isBooted: async () => booted,
    async systemctl(args) {
      calls.push(args);
      if (args[0] === "list-units") return fixture("systemctl-list-units.txt");
      if (args[0] === "list-unit-files") return fixture("systemctl-list-unit-files.txt");
      if (args[0] === "show") return "active\nrunning\n";
      if (fail) throw new Error(fail);
      return "";
    },
  };
}

describe("systemd services", () => {
  it("restarts a listed unit with an argument array and answers its status afterwards", async () => {
    const host = fakeHost();
    expect(await systemdServices(host).manage("nginx.service", "restart")).toBe("running");
    expect(host.calls.slice(2)).toEqual([
      ["restart", "--no-ask-password", "--", "nginx.service"],
      ["show", "--property=ActiveState,SubState", "--value", "--", "nginx.service"],
    ]);
  });

  it("answers not-found for a unit that is not listed, and invalid for a malformed name, without acting", async () => {
    const host = fakeHost();
    await expect(systemdServices(host).manage("nope.service", "start")).rejects.toMatchObject({ code: "not-found", message: "no service named nope.service" });
    await expect(systemdServices(host).manage("--all", "stop")).rejects.toMatchObject({ code: "invalid" });
    await expect(systemdServices(host).manage("display-manager.service", "start")).rejects.toMatchObject({ code: "not-found" });
    expect(host.calls.filter((args) => ["start", "stop", "restart"].includes(args[0]!))).toEqual([]);
  });

  it("answers unsupported, naming why, where systemd is not running", async () => {
    const host = fakeHost({ booted: false });
    await expect(systemdServices(host).list()).rejects.toMatchObject({ code: "unsupported", message: NO_SYSTEMD });
    await expect(systemdServices(host).manage("nginx.service", "start")).rejects.toMatchObject({ code: "unsupported" });
    expect(host.calls).toEqual([]);
  });

  it("tells a refusal from another failure", async () => {
    await expect(systemdServices(fakeHost({ fail: "Failed to start nginx.service: Access denied" })).manage("nginx.service", "start")).rejects.toMatchObject({ code: "denied" });
    await expect(systemdServices(fakeHost({ fail: "Job for nginx.service failed because the control process exited with error code." })).manage("nginx.service", "start")).rejects.toMatchObject({
      code: "failed",
      message: expect.stringContaining("could not start nginx.service: Job for nginx.service failed"),
    });
  });
});

describe("systemd or the init scripts", () => {
  /** Init scripts that answer with their own marks, or are missing altogether. */
  function initScripts(missing = false): ServiceCapability & { calls: string[] } {
    const calls: string[] = [];
    const unsupported = () => Promise.reject(new CommandError("unsupported", "there is no /etc/init.d either"));
    return {
      calls,
      list: async () => (calls.push("list"), missing ? unsupported() : [{ name: "ssh", status: "running" }]),
      manage: async (name, action) => (calls.push(`${action} ${name}`), missing ? unsupported() : "stopped"),
    };
  }

  it("keeps systemd first where it is the running init", async () => {
    const scripts = initScripts();
    const services = await systemdOrInitScripts(fakeHost(), scripts).list();
    expect(services.map((service) => service.name)).toContain("nginx.service");
    expect(scripts.calls).toEqual([]);
  });

  it("uses the init scripts where systemd is not running, for both commands", async () => {
    const host = fakeHost({ booted: false });
    const scripts = initScripts();
    const services = systemdOrInitScripts(host, scripts);
    expect(await services.list()).toEqual([{ name: "ssh", status: "running" }]);
    expect(await services.manage("ssh", "stop")).toBe("stopped");
    expect(scripts.calls).toEqual(["list", "stop ssh"]);
    expect(host.calls).toEqual([]);
  });

  it("names both reasons where there are neither systemd nor init scripts", async () => {
    await expect(systemdOrInitScripts(fakeHost({ booted: false }), initScripts(true)).list()).rejects.toMatchObject({
      code: "unsupported",
      message: `${NO_SYSTEMD}; there is no /etc/init.d either`,
    });
  });
});
