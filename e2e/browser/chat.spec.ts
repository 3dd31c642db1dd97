/**
 * The device page's Chat tab in Chromium with the real Linux agent: a technician writes, the
 * person at the machine answers in the agent's chat window (a second tab on the address the agent
 * logged), the answer appears live; a later answer
 * shows an unread badge beside the device in the list, which opening the chat clears.
 */
import { expect, test } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { answerInChatWindow, chatWindowUrl } from "../support/chat-window";
import { signIn } from "../support/sign-in";


/** A round trip through the agent and back to the page; generous, since the machine's cores are shared. */
const LIVE_MS = 15_000;

test("chat with the user of a device from its Chat tab; unread answers are badged in the device list", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page);
  const device = await startLinuxAgent(page.request);
  const agent = device.process;
  try {
    const { agentId } = device;

    await page.goto(`/devices/${agentId}`);
    await page.getByRole("navigation", { name: "Device sections" }).getByRole("link", { name: "Chat" }).click();
    await expect(page).toHaveURL(new RegExp(`/devices/${agentId}/chat$`));
    const conversation = page.getByTestId("chat-conversation");
    await expect(conversation).toContainText("No messages yet", { timeout: LIVE_MS });

    await page.getByLabel("Message").fill("Hi, this is IT. Can I install the update now?");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(conversation.locator('[data-direction="server"]')).toContainText("Can I install the update now?", { timeout: LIVE_MS });
    await expect(page.getByLabel("Message")).toHaveValue("");

    // The person at the machine answers in the agent's own chat window (its page, its script, its CSP).
    const windowUrl = await chatWindowUrl(device.dir);
    const endpoint = await page.context().newPage();
    const cspViolations: string[] = [];
    endpoint.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await endpoint.goto(windowUrl);
    await expect(endpoint.getByRole("list", { name: "Conversation" })).toContainText("Can I install the update now?", { timeout: LIVE_MS });
    await endpoint.getByLabel("Your answer").fill("Sure, I am saving my work first.");
    await endpoint.getByRole("button", { name: "Send" }).click();
    await expect(endpoint.getByRole("list", { name: "Conversation" })).toContainText("Sure, I am saving my work first.", { timeout: LIVE_MS });
    await expect(endpoint.getByLabel("Your answer")).toHaveValue("");
    await endpoint.screenshot({ path: testInfo.outputPath("endpoint-chat-window.png") });
    expect(cspViolations).toEqual([]);
    await endpoint.close();
    await expect(conversation.locator('[data-direction="agent"]')).toContainText("Sure, I am saving my work first.", { timeout: LIVE_MS });
    await page.screenshot({ path: testInfo.outputPath("chat-tab.png"), fullPage: true });

    // Away from the chat, the next answer is unread: the device list badges it, live.
    await page.goto("/devices");
    const link = page.locator(`a[href="/devices/${agentId}/chat"]`);
    await expect(link).toHaveCount(0);
    // Answered once the list listens for changes (an event before that would only show on the next one).
    await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live", { timeout: LIVE_MS });
    await answerInChatWindow(windowUrl, "Done, go ahead.");
    await expect(link.getByTestId("chat-unread")).toHaveText(/^1/, { timeout: LIVE_MS });
    await page.screenshot({ path: testInfo.outputPath("device-list-unread.png") });

    await link.click();
    await expect(page).toHaveURL(new RegExp(`/devices/${agentId}/chat$`));
    await expect(conversation).toContainText("Done, go ahead.", { timeout: LIVE_MS });
    // Reading it clears the badge of the tab, and of the list.
    await expect(page.getByRole("navigation", { name: "Device sections" }).getByTestId("chat-unread")).toHaveCount(0, { timeout: LIVE_MS });
    await page.goto("/devices");
    await expect(page.locator(`a[href="/devices/${agentId}"]`).first()).toBeVisible();
    await expect(link).toHaveCount(0);
  } finally {
    stopProcessGroup(agent);
  }
});
