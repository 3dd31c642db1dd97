import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ChatWindow, type ChatWindowOptions } from "./local-server";

let window: ChatWindow | undefined;
afterEach(async () => {
  await window?.close();
  window = undefined;
});

async function open(options: Partial<ChatWindowOptions> = {}) {
  const answers: string[] = [];
  window = await ChatWindow.open({ onAnswer: (text) => (answers.push(text), true), pollWaitMs: 50, ...options });
  return { window, answers };
}

const answer = (url: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${url}messages`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

/** A raw request, for headers fetch will not let a caller choose (Host). */
function rawGet(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, path, headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end();
  });
}

describe("chat window", () => {
  it("serves the page on loopback only under its secret, with a strict content security policy", async () => {
    const { window } = await open();
    const url = new URL(window.url);
    expect(url.hostname).toBe("127.0.0.1");
    const secret = url.pathname.split("/")[1]!;
    expect(secret.length).toBeGreaterThanOrEqual(40);

    const page = await fetch(window.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("IT support chat");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect((await fetch(`${window.url}app.js`)).headers.get("content-type")).toContain("javascript");

    const wrong = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    for (const path of ["/", `/${wrong}/`, `/${wrong}/messages`, `/${secret.slice(1)}/`, "/messages"]) {
      expect((await fetch(`${url.origin}${path}`)).status, path).toBe(404);
    }
    // Another host name resolving to 127.0.0.1 (DNS rebinding) gets nothing either.
    expect(await rawGet(Number(url.port), url.pathname, `evil.example:${url.port}`)).toBe(404);
    expect(await rawGet(Number(url.port), url.pathname, url.host)).toBe(200);
  });

  it("shows the technician's messages to a poll, waking a waiting poll when one arrives", async () => {
    const { window } = await open({ pollWaitMs: 5_000 });
    window.post("alice", "Hello from IT");
    const first = await (await fetch(`${window.url}messages?after=0`)).json();
    expect(first).toEqual([{ id: 1, from: "technician", user: "alice", text: "Hello from IT", timestamp: expect.any(String) }]);

    const waiting = fetch(`${window.url}messages?after=1`).then((response) => response.json());
    await new Promise((resolve) => setTimeout(resolve, 50));
    window.post("alice", "Are you there?");
    expect(await waiting).toEqual([expect.objectContaining({ id: 2, text: "Are you there?" })]);
  });

  it("sends the user's answer on and shows it as theirs; refuses what is empty, not JSON or from another site", async () => {
    const { window, answers } = await open();
    const sent = await answer(window.url, { text: "  Yes, go ahead  " });
    expect(sent.status).toBe(201);
    expect(answers).toEqual(["Yes, go ahead"]);
    expect(await (await fetch(`${window.url}messages?after=0`)).json()).toEqual([expect.objectContaining({ from: "you", text: "Yes, go ahead" })]);

    expect((await answer(window.url, { text: "   " })).status).toBe(400);
    expect((await answer(window.url, { text: "x".repeat(8_193) })).status).toBe(400);
    expect((await answer(window.url, "text=hi", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect((await answer(window.url, { text: "hi" }, { "content-type": "application/json", origin: "http://evil.example" })).status).toBe(403);
    expect(answers).toEqual(["Yes, go ahead"]);
  });

  it("keeps an answer that cannot leave (agent disconnected) out of the conversation and says so", async () => {
    const { window } = await open({ onAnswer: () => false });
    const refused = await answer(window.url, { text: "hello?" });
    expect(refused.status).toBe(503);
    expect((await refused.json()).error).toMatch(/not connected/i);
    expect(await (await fetch(`${window.url}messages?after=0`)).json()).toEqual([]);
  });

  it("knows a page is open while it polls, and forgets it a while after the last poll", async () => {
    let now = new Date("2026-11-29T12:00:00Z");
    const { window } = await open({ now: () => now });
    expect(window.viewerPresent).toBe(false);
    await fetch(`${window.url}messages?after=0`);
    expect(window.viewerPresent).toBe(true);
    now = new Date("2026-11-29T12:01:00Z");
    expect(window.viewerPresent).toBe(false);
  });
});
