/**
 * Windows: the agent runs as LocalSystem in session 0 and cannot draw on the user's desktop
 * without native code. Instead it registers a one-off scheduled task that runs as the logged-in
 * user, interactively (`schtasks /ru <user> /it`: it runs only if that user is logged on, in their
 * session, without their password), starts it, and removes it. The task runs explorer.exe with the
 * window's address, which opens the user's default browser. Every schtasks argument is passed as
 * data (an argument array, no shell); the one command line the task itself holds (`/tr`) is built
 * only from a checked system path and an address checked to be a loopback URL of safe characters.
 * The service's log lies in the agent's folder, which local users may be able to read: it never
 * holds the window's secret.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { systemRoot, system32 } from "../../platform/windows-paths";
import type { CommandRunner } from "../../service/runner";
import type { ChatCapability } from "./index";

const LOOPBACK_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}\/[A-Za-z0-9_-]+\/$/;
export const TASK_PREFIX = "RMM chat window";

export function windowsChat(run: CommandRunner, loggedInUser: () => Promise<string | null>, env: Record<string, string | undefined> = process.env): ChatCapability {
  const schtasks = path.win32.join(system32(env), "schtasks.exe");
  const explorer = path.win32.join(systemRoot(env), "explorer.exe");
  return {
    logsSecret: false,
    async show(url) {
      if (!LOOPBACK_URL.test(url)) throw new Error("refusing to open a chat window address that is not a plain loopback URL");
      const user = await loggedInUser();
      if (!user) return "no-user";
      const task = `${TASK_PREFIX} ${randomBytes(4).toString("hex")}`;
      await run(schtasks, ["/create", "/tn", task, "/tr", `"${explorer}" "${url}"`, "/sc", "once", "/st", "00:00", "/ru", user, "/it", "/f"]);
      try {
        await run(schtasks, ["/run", "/tn", task]);
      } finally {
        // The browser it started outlives the task; the task itself is not left behind.
        await run(schtasks, ["/delete", "/tn", task, "/f"]).catch(() => undefined);
      }
      return "opened";
    },
  };
}
