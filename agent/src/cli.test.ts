import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCliOptions, resolveConfigPath, statePathFor } from "./cli";

const fromSource = { isSingleExecutable: false, execPath: "/usr/bin/node", cwd: "/srv/agent" };
const asExecutable = { isSingleExecutable: true, execPath: "/opt/rmm/rmm-agent", cwd: "/" };

describe("agent file locations", () => {
  it("uses server.json beside the single executable", () => {
    expect(resolveConfigPath({}, asExecutable)).toBe(path.join("/opt/rmm", "server.json"));
  });

  it("uses the working directory when run from source", () => {
    expect(resolveConfigPath({}, fromSource)).toBe(path.join("/srv/agent", "server.json"));
  });

  it("prefers --config, relative to the working directory", () => {
    expect(resolveConfigPath(parseCliOptions(["--config", "conf/server.json"]), asExecutable)).toBe(path.resolve("/", "conf/server.json"));
  });

  it("keeps the state file next to the config", () => {
    expect(statePathFor(path.join("/opt/rmm", "server.json"))).toBe(path.join("/opt/rmm", "agent-state.json"));
  });

  it("rejects unknown options", () => {
    expect(() => parseCliOptions(["--verbose"])).toThrow();
  });
});
