/**
 * Power capability: restarting and shutting down the machine through the OS's own tools, run
 * with fixed argument arrays (nothing from the network reaches a command line). The runner is
 * injected, so tests record the calls instead of rebooting the machine they run on.
 */
import path from "node:path";
import { system32 } from "../../platform/windows-paths";
import { execFileRunner, type CommandRunner } from "../../service/runner";

export interface PowerCapability {
  restart(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Seconds Windows shows its notice before it acts, so a signed-in user can save their work. */
export const WINDOWS_NOTICE_SECONDS = 60;
const WINDOWS_NOTICE = "Your administrator has scheduled this action from the remote management console.";

/** systemd first; `shutdown` where there is no systemd (or it refuses), as on older or minimal systems. */
function linuxPower(run: CommandRunner): PowerCapability {
  const act = async (systemctlVerb: string, shutdownFlag: string) => {
    try {
      await run("systemctl", [systemctlVerb]);
    } catch {
      await run("shutdown", [shutdownFlag, "now"]);
    }
  };
  return { restart: () => act("reboot", "-r"), shutdown: () => act("poweroff", "-h") };
}

/** shutdown.exe by its full path: a bare name is searched for in the agent's folder first. */
function windowsPower(run: CommandRunner, env: Record<string, string | undefined>): PowerCapability {
  const shutdownExe = path.win32.join(system32(env), "shutdown.exe");
  const act = async (flag: "/r" | "/s") => {
    await run(shutdownExe, [flag, "/t", String(WINDOWS_NOTICE_SECONDS), "/c", WINDOWS_NOTICE]);
  };
  return { restart: () => act("/r"), shutdown: () => act("/s") };
}

export function powerCapabilityFor(platform: NodeJS.Platform, run: CommandRunner = execFileRunner, env: Record<string, string | undefined> = process.env): PowerCapability {
  if (platform === "linux") return linuxPower(run);
  if (platform === "win32") return windowsPower(run, env);
  throw new Error(`power capability is not implemented on ${platform}`);
}
