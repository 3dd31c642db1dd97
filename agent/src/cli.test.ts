import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCliOptions, resolveConfigPath, statePathFor } from "./cli";

const fromSource = { isSingleExecutable: false, execPath: "/usr/bin/node", cwd: "/srv/agent" };
const asExecutable = { isSingleExecutable: true, execPath: "/opt/rmm/rmm-agent", cwd: "/" };

describe("agent command line", () => {
  it("runs the agent when no command is given", () => {
    expect(parseCliOptions([])).toEqual({ command: "run", service: false });
    expect(parseCliOptions(["--config", "a.json"])).toEqual({ command: "run", config: "a.json", service: false });
  });

  it("knows when the service manager started it", () => {
    expect(parseCliOptions(["run", "--service"])).toEqual({ command: "run", service: true });
  });

  it("parses install and uninstall, with a dry run", () => {
    expect(parseCliOptions(["install"])).toEqual({ command: "install", dryRun: false });
    expect(parseCliOptions(["install", "--config", "conf/server.json", "--dry-run"])).toEqual({ command: "install", config: "conf/server.json", dryRun: true });
    expect(parseCliOptions(["uninstall", "--dry-run"])).toEqual({ command: "uninstall", dryRun: true });
  });

  it("rejects unknown commands and options, and options of another command", () => {
    expect(() => parseCliOptions(["--verbose"])).toThrow();
    expect(() => parseCliOptions(["reinstall"])).toThrow(/unknown command 'reinstall'/);
    expect(() => parseCliOptions(["install", "now"])).toThrow(/at most one command/);
    expect(() => parseCliOptions(["uninstall", "--config", "x.json"])).toThrow(/invalid options for 'uninstall'/);
    expect(() => parseCliOptions(["install", "--service"])).toThrow(/invalid options for 'install'/);
  });
});

describe("agent file locations", () => {
  it("uses server.json beside the single executable", () => {
    expect(resolveConfigPath({}, asExecutable)).toBe(path.join("/opt/rmm", "server.json"));
  });

  it("uses the working directory when run from source", () => {
    expect(resolveConfigPath({}, fromSource)).toBe(path.join("/srv/agent", "server.json"));
  });

  it("prefers --config, relative to the working directory", () => {
    expect(resolveConfigPath({ config: "conf/server.json" }, asExecutable)).toBe(path.resolve("/", "conf/server.json"));
  });

  it("keeps the state file next to the config", () => {
    expect(statePathFor(path.join("/opt/rmm", "server.json"))).toBe(path.join("/opt/rmm", "agent-state.json"));
  });
});
