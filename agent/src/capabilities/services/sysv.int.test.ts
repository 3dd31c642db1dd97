/**
 * This machine's real /etc/init.d: every executable script but the helpers is listed with a status
 * from running it, and where systemd is not the running init (the test containers) the Linux
 * capability answers with these scripts instead of `unsupported`.
 */
import { constants } from "node:fs";
import { access, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { linuxServices } from "./linux";
import { INIT_D, sysvHost, sysvServices } from "./sysv";
import { isServiceScriptName } from "./sysv-parse";

const exists = (file: string) => access(file).then(() => true, () => false);
const hasInitD = process.platform === "linux" && (await exists(INIT_D));
const systemdRuns = await exists("/run/systemd/system");

async function executableScripts(): Promise<string[]> {
  const names = await readdir(INIT_D);
  const executable = await Promise.all(
    names.map(async (name) => (await stat(path.join(INIT_D, name))).isFile() && (await access(path.join(INIT_D, name), constants.X_OK).then(() => true, () => false))),
  );
  return names.filter((name, index) => executable[index] && isServiceScriptName(name)).sort((a, b) => a.localeCompare(b));
}

describe.skipIf(!hasInitD)("SysV init scripts on this machine", () => {
  it("lists every executable script of /etc/init.d with a status word, a display name and a start type", async () => {
    const services = await sysvServices(sysvHost).list();
    expect(services.map((service) => service.name)).toEqual(await executableScripts());
    for (const service of services) {
      expect(["running", "stopped", "unknown"], service.name).toContain(service.status);
      expect(service.displayName, service.name).toBeTruthy();
      expect(["enabled", "disabled"], service.name).toContain(service.startType);
    }
  });

  it("refuses a name that is not one of the scripts without running anything", async () => {
    await expect(sysvServices(sysvHost).manage("no-such-script-here", "start")).rejects.toMatchObject({ code: "not-found" });
    await expect(sysvServices(sysvHost).manage("../../bin/true", "start")).rejects.toMatchObject({ code: "invalid" });
  });

  it.skipIf(systemdRuns)("is what the Linux capability answers where systemd is not the running init", async () => {
    const names = (await linuxServices.list()).map((service) => service.name);
    expect(names).toEqual(await executableScripts());
  });
});
