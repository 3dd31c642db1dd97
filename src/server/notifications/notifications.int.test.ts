/**
 * Alert notifications through real receivers on loopback: an SMTP server (smtp-server) gets the
 * email, an HTTP server gets the signed webhook and the Pushover call. A receiver that fails is
 * retried with backoff and, in the end, left `failed` with its reason.
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser, testServiceContext } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { agents, notificationDeliveries } from "../db/schema";
import { raiseRuleAlert } from "../services/alerts";
import { updatePushover, updateSmtp } from "../services/integrations";
import { createAlertProfile, createMonitoringProfile } from "../services/monitoring-profiles";
import { dispatchNotifications, MAX_ATTEMPTS } from "./dispatch-job";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from "./webhook-signature";

let t: TestDatabase;
let smtp: SMTPServer;
let receiver: http.Server;
const mails: { from: string; to: string[]; body: string }[] = [];
const requests: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let failWebhook = false;
let baseUrl = "";

beforeAll(async () => {
  t = await createTestDatabase();
  Object.assign(process.env, { AUTH_SECRET: "n".repeat(48) });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
      stream.on("end", () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), body });
        callback();
      });
    },
  });
  smtp.listen(0, "127.0.0.1");
  await once(smtp.server, "listening");
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      requests.push({ path: req.url ?? "", headers: req.headers, body });
      res.writeHead(req.url === "/hook" && failWebhook ? 500 : 200).end("{}");
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  baseUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  process.env.PUSHOVER_API_URL = `${baseUrl}/pushover`;
  await seedUser(t.db, "ada", "admin");
  await t.db.insert(agents).values({ id: "agent-1", name: "WEB-01", secretHash: "x" });
});
afterAll(async () => {
  await new Promise((resolve) => smtp.close(() => resolve(null)));
  receiver.close();
  await t.close();
});

async function raise(alertProfileId: string) {
  const ctx = testServiceContext(t.db);
  const profile = await createMonitoringProfile(ctx, { name: `p-${Math.random()}`, description: "", alertProfileId, rules: [{ metric: "cpu", threshold: 90, windowSeconds: 60, comparison: "gte", severity: "critical" }] });
  const rule = profile.rules[0]!;
  await raiseRuleAlert(t.db, { agentId: "agent-1", agentName: "WEB-01", profile: { id: profile.id, name: profile.name, alertProfileId }, rule, value: 97.5 });
}

describe("alert notifications", () => {
  it("sends the email, the Pushover message and the signed webhook once an alert is raised", async () => {
    const ctx = testServiceContext(t.db);
    await updateSmtp(ctx, { host: "127.0.0.1", port: (smtp.server.address() as AddressInfo).port, secure: false, from: "rmm@example.test", enabled: true });
    await updatePushover(ctx, { token: "app-token-123", user_key: "user-key-456", enabled: true });
    const alertProfile = await createAlertProfile(ctx, { name: "On call", emails: ["oncall@example.test"], dashboard: true, pushover: true, webhookUrl: `${baseUrl}/hook` });
    expect(alertProfile.webhookSigningKey).toMatch(/^[\w-]{43}$/);
    await raise(alertProfile.id);

    expect(await dispatchNotifications(t.db)).toBe(3);
    expect(mails).toEqual([expect.objectContaining({ from: "rmm@example.test", to: ["oncall@example.test"] })]);
    expect(mails[0]!.body).toMatch(/Subject: \[critical\] WEB-01: CPU at or above 90%: 97\.5% on average over 60 s/);

    const pushover = requests.find((request) => request.path === "/pushover")!;
    expect(Object.fromEntries(new URLSearchParams(pushover.body))).toMatchObject({ token: "app-token-123", user: "user-key-456", title: expect.stringContaining("WEB-01") });

    const hook = requests.find((request) => request.path === "/hook")!;
    const timestamp = Number(hook.headers[TIMESTAMP_HEADER]);
    expect(verifyWebhook(hook.body, alertProfile.webhookSigningKey!, timestamp, String(hook.headers[SIGNATURE_HEADER]))).toBe(true);
    expect(verifyWebhook(hook.body.replace("97.5", "10"), alertProfile.webhookSigningKey!, timestamp, String(hook.headers[SIGNATURE_HEADER]))).toBe(false);
    expect(JSON.parse(hook.body)).toMatchObject({ event: { type: "alert", agentId: "agent-1", severity: "critical", value: 97.5 } });

    const rows = await t.db.select().from(notificationDeliveries);
    expect(rows.map((row) => row.status)).toEqual(["sent", "sent", "sent"]);
    expect(await dispatchNotifications(t.db)).toBe(0);
  });

  it("retries a failing receiver with growing delays, then leaves it failed with the reason", async () => {
    failWebhook = true;
    const ctx = testServiceContext(t.db);
    const alertProfile = await createAlertProfile(ctx, { name: "Hook only", emails: [], dashboard: false, pushover: false, webhookUrl: `${baseUrl}/hook` });
    await raise(alertProfile.id);
    let now = Date.now();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await dispatchNotifications(t.db, new Date(now))).toBe(1);
      const [row] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.alertProfileId, alertProfile.id));
      expect(row).toMatchObject({ attempts: attempt, lastError: expect.stringMatching(/answered 500/), status: attempt < MAX_ATTEMPTS ? "pending" : "failed" });
      delays.push(row!.nextAttemptAt.getTime() - now);
      // Not due again before its delay.
      expect(await dispatchNotifications(t.db, new Date(now + 1000))).toBe(0);
      now = row!.nextAttemptAt.getTime();
    }
    expect(delays.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(await dispatchNotifications(t.db, new Date(now + 24 * 3_600_000))).toBe(0);
  });

  it("says so when email is asked for but SMTP is switched off", async () => {
    const ctx = testServiceContext(t.db);
    await updateSmtp(ctx, { host: "127.0.0.1", port: 25, secure: false, from: "rmm@example.test", enabled: false });
    const alertProfile = await createAlertProfile(ctx, { name: "Mail only", emails: ["x@example.test"], dashboard: false, pushover: false });
    await raise(alertProfile.id);
    await dispatchNotifications(t.db);
    const [row] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.alertProfileId, alertProfile.id));
    expect(row).toMatchObject({ status: "pending", lastError: "SMTP is not configured or is switched off" });
  });
});
