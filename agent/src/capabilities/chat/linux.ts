/**
 * Linux: the agent runs as a root service, outside every desktop session; starting a browser as
 * the logged-in user would need their session's environment (display, D-Bus, XDG runtime folder),
 * which a system service cannot know reliably. So the window is served and its address logged,
 * and the person at the machine opens it (docs/protocol.md, "Chat"). The agent's log is the
 * journal, readable by root and the adm group only.
 */
import type { ChatCapability } from "./index";

export const linuxChat: ChatCapability = {
  show: async () => "logged-only",
  logsSecret: true,
};
