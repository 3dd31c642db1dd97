/**
 * Chat capability: `chat-request` shows the technician's message in the chat window (local-server.ts),
 * and what the person at the machine writes there goes back as `chat-response`, answering the
 * latest message's session. The window is started by the first message and lives until the agent
 * stops; it is brought up for the user (per OS: `show`) whenever a message arrives and no page is
 * open, and its address is logged either way.
 */
import { errorMessage } from "../../util";
import type { HandlerTable } from "../../commands/dispatcher";
import type { CommandContext } from "../../commands/command-context";
import { execFileRunner } from "../../service/runner";
import type { SystemInfoCapability } from "../system-info";
import { implementationFor } from "../platform-map";
import { ChatWindow, type ChatWindowOptions } from "./local-server";
import { linuxChat } from "./linux";
import { windowsChat } from "./windows";

/** What `show` managed: the browser was started for the user, only the address was logged, or nobody is logged in. */
export type ChatShown = "opened" | "logged-only" | "no-user";

export interface ChatCapability {
  /** Brings the window (its address) in front of the logged-in user, as far as this OS lets a service. */
  show(url: string): Promise<ChatShown>;
  /**
   * Whether the agent's log may hold the window's whole address (secret included): where the log
   * is the only way to the window and only administrators read it. Otherwise the secret is left out.
   */
  logsSecret: boolean;
}

/** The address as the log shows it: without the secret unless the capability says the log may hold it. */
function loggedAddress(chat: ChatCapability, url: string): string {
  return chat.logsSecret ? url : url.replace(/\/[^/]+\/$/, "/<secret>/");
}

export function chatCapabilityFor(platform: NodeJS.Platform, systemInfo: SystemInfoCapability): ChatCapability {
  const loggedInUser = async () => (await systemInfo.describeHost()).loggedInUser;
  return implementationFor({ linux: linuxChat, win32: windowsChat(execFileRunner, loggedInUser) }, platform, "chat");
}

export type OpenChatWindow = (options: ChatWindowOptions) => Promise<Pick<ChatWindow, "url" | "viewerPresent" | "post" | "close">>;

export function chatHandlers(chat: ChatCapability, openWindow: OpenChatWindow = (options) => ChatWindow.open(options)): HandlerTable {
  let window: ReturnType<OpenChatWindow> | undefined;
  let sessionId: string | undefined;

  const windowFor = (context: CommandContext) => {
    window ??= openWindow({
      // The window exists only once a message (and so a session) has arrived.
      onAnswer: (text) => sessionId !== undefined && context.emit({ type: "chat-response", sessionId, text, timestamp: new Date().toISOString() }),
    }).then(
      (opened) => {
        context.log.info("chat-window-started", { url: loggedAddress(chat, opened.url) });
        context.signal.addEventListener("abort", () => void opened.close(), { once: true });
        return opened;
      },
      (error: unknown) => {
        window = undefined;
        throw error;
      },
    );
    return window;
  };

  return {
    "chat-request": async (command, context) => {
      // Answers from now on belong to this message's session.
      sessionId = command.sessionId;
      const opened = await windowFor(context);
      const present = opened.viewerPresent;
      opened.post(command.user || "IT support", command.text);
      context.log.info("chat-message-shown", { sessionId: command.sessionId, windowOpen: present });
      // Not awaited: the technician's message is delivered; bringing the window up may take a while.
      if (!present) {
        chat.show(opened.url).then(
          (how) => context.log.info("chat-window-shown", { how, url: loggedAddress(chat, opened.url) }),
          (error: unknown) => context.log.warn("chat-window-show-failed", { error: errorMessage(error), url: loggedAddress(chat, opened.url) }),
        );
      }
      return { sessionId: command.sessionId, delivered: true as const };
    },
  };
}
