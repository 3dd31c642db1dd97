/**
 * Alert notifications in Chromium against loopback receivers: SMTP and an alert profile with an
 * email address and a webhook are set up in Settings › Notifications; a low memory threshold on a
 * real Linux agent then delivers the email to a real SMTP server and a webhook whose signature
 * checks out with the key the page showed once; the deliveries table says both were sent.
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { SMTPServer } from "smtp-server";
import { verifyWebhook } from "../../src/server/notifications/webhook-signature";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { signIn } from "../support/sign-in";


test("an alert reaches a real SMTP server and a signed webhook, and the deliveries say so", async ({ page }) => {
  test.setTimeout(150_000);
  const mails: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      let body = "";
      stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
      stream.on("end", () => {
        mails.push(body);
        callback();
      });
    },
  });
  smtp.listen(0, "127.0.0.1");
  await once(smtp.server, "listening");
  const hooks: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  await signIn(page);
  const device = await startLinuxAgent(page.request, "notifications-agent.log");
  const agent = device.process;
  try {
    await page.goto("/settings/notifications");
    const smtpForm = page.getByRole("form", { name: "SMTP settings" });
    await smtpForm.getByLabel("Server").fill("127.0.0.1");
    await smtpForm.getByLabel("Port", { exact: true }).fill(String((smtp.server.address() as AddressInfo).port));
    await smtpForm.getByLabel("Sender address").fill("rmm@example.test");
    await smtpForm.getByRole("button", { name: "Save SMTP" }).click();
    await expect(smtpForm.getByRole("status")).toHaveText("SMTP settings saved.");

    const profileForm = page.getByRole("form", { name: "New alert profile" });
    const name = `On call ${Date.now().toString(36)}`;
    await profileForm.getByLabel("Name").fill(name);
    await profileForm.getByLabel("Email addresses").fill("oncall@example.test");
    await profileForm.getByLabel("Webhook URL").fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`);
    await profileForm.getByRole("button", { name: "Create alert profile" }).click();
    const signingKey = (await page.getByTestId("webhook-signing-key").textContent())!.trim();
    expect(signingKey).toMatch(/^[\w-]{43}$/);
    await expect(page.getByTestId("alert-profile").filter({ hasText: name })).toContainText("oncall@example.test, webhook 127.0.0.1");
    const alertProfileId = ((await (await page.request.get("/alert-profiles")).json()) as { id: string; name: string }[]).find((p) => p.name === name)!.id;

    const profile = await page.request.post("/monitoring/profiles", { data: { name: `Notify ${name}`, alertProfileId, rules: [{ metric: "ram", threshold: 1, windowSeconds: 0 }] } });
    expect(profile.status()).toBe(201);
    const { id } = (await profile.json()) as { id: string };
    expect((await page.request.post(`/monitoring/profiles/${id}/assign`, { data: { targetType: "agent", targetId: device.agentId } })).status()).toBe(200);

    await expect.poll(() => mails.length + hooks.length, { timeout: 60_000 }).toBe(2);
    expect(mails[0]).toMatch(new RegExp(`Subject: \\[warning\\] ${device.name}: Memory at or above 1%`));
    const hook = hooks[0]!;
    expect(verifyWebhook(hook.body, signingKey, Number(hook.headers["x-rmm-timestamp"]), String(hook.headers["x-rmm-signature"]))).toBe(true);

    await page.reload();
    const deliveries = page.getByRole("region", { name: "Latest deliveries" });
    await expect(deliveries.getByRole("row").filter({ hasText: "oncall@example.test" })).toContainText("sent");
    await expect(deliveries.getByRole("row").filter({ hasText: "webhook" })).toContainText("sent");
    await page.screenshot({ path: "test-results/notifications.png", fullPage: true });
    await page.request.delete(`/monitoring/profiles/${id}`);
  } finally {
    stopProcessGroup(agent);
    receiver.close();
    smtp.close();
  }
});
