/**
 * The chat window: a small web page the agent serves on 127.0.0.1 (a random port) where the
 * person at the machine reads the technician's messages and answers them. Anyone on the machine
 * can reach a loopback port, so everything lives under a random per-window secret path, compared
 * in constant time; any other path is a plain 404. Requests must name the window's own host
 * (defeats DNS rebinding) and, when a browser says where they come from, its own origin; posts
 * must be JSON (no form from another page). The page may load nothing but its own script and
 * style (Content-Security-Policy), and never sends the secret on as a referrer.
 *
 * The page long-polls for messages; whether it polled recently tells the agent that the window is
 * open, so it is opened again for a new message only when nobody is looking.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CHAT_PAGE_CSS, CHAT_PAGE_HTML, CHAT_PAGE_JS } from "./page";

export const MAX_TEXT_LENGTH = 8_192;
const MAX_BODY_BYTES = 64 * 1024;
/** Kept for a page that is (re)opened: the latest messages of this agent run. */
export const MAX_KEPT_MESSAGES = 200;
const MAX_WAITING_POLLS = 16;
/** A page that polled within this long is considered open. */
const PRESENT_MS = 35_000;

export type WindowMessage = { id: number; from: "technician" | "you"; user: string; text: string; timestamp: string };

/** What the window does with an answer: true when it is on its way to the server. */
export type AnswerSink = (text: string) => boolean;

export type ChatWindowOptions = {
  onAnswer: AnswerSink;
  /** How long a poll waits for a new message before answering an empty list. */
  pollWaitMs?: number;
  now?: () => Date;
};

const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
  "cross-origin-resource-policy": "same-origin",
};

const ASSETS: Record<string, { type: string; body: string }> = {
  "": { type: "text/html; charset=utf-8", body: CHAT_PAGE_HTML },
  "app.js": { type: "text/javascript; charset=utf-8", body: CHAT_PAGE_JS },
  "app.css": { type: "text/css; charset=utf-8", body: CHAT_PAGE_CSS },
};

export class ChatWindow {
  private readonly secret = randomBytes(32).toString("base64url");
  private readonly server: Server;
  private readonly messages: WindowMessage[] = [];
  private readonly waiting = new Set<() => void>();
  private nextId = 1;
  private lastPollAt = 0;
  private port = 0;

  private constructor(private readonly options: ChatWindowOptions) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch(() => send(response, 500, { error: "internal error" }));
    });
  }

  static async open(options: ChatWindowOptions): Promise<ChatWindow> {
    const window = new ChatWindow(options);
    await new Promise<void>((resolve, reject) => {
      window.server.once("error", reject);
      window.server.listen(0, "127.0.0.1", () => resolve());
    });
    window.port = (window.server.address() as AddressInfo).port;
    return window;
  }

  /** The page's address, secret included: only for the person at the machine. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/${this.secret}/`;
  }

  /** Whether a page has been looking for messages lately. */
  get viewerPresent(): boolean {
    return this.waiting.size > 0 || this.now().getTime() - this.lastPollAt < PRESENT_MS;
  }

  /** Shows a technician's message. */
  post(user: string, text: string): WindowMessage {
    return this.add({ from: "technician", user, text });
  }

  async close(): Promise<void> {
    for (const wake of this.waiting) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private add(message: Omit<WindowMessage, "id" | "timestamp">): WindowMessage {
    const stored = { ...message, id: this.nextId++, timestamp: this.now().toISOString() };
    this.messages.push(stored);
    if (this.messages.length > MAX_KEPT_MESSAGES) this.messages.shift();
    for (const wake of this.waiting) wake();
    return stored;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const resource = this.resourceOf(request);
    if (resource === null) return send(response, 404, { error: "not found" });
    const expectedOrigin = `http://127.0.0.1:${this.port}`;
    const origin = request.headers.origin;
    const site = request.headers["sec-fetch-site"];
    if ((origin !== undefined && origin !== expectedOrigin) || (site !== undefined && site !== "same-origin" && site !== "none")) {
      return send(response, 403, { error: "requests from other sites are refused" });
    }
    const asset = ASSETS[resource];
    if (asset && request.method === "GET") {
      response.writeHead(200, { ...SECURITY_HEADERS, "content-type": asset.type });
      response.end(asset.body);
      return;
    }
    if (resource === "messages" && request.method === "GET") return this.poll(request, response);
    if (resource === "messages" && request.method === "POST") return this.answer(request, response);
    send(response, 404, { error: "not found" });
  }

  /** The path below the secret, or null when the host or the secret is wrong. */
  private resourceOf(request: IncomingMessage): string | null {
    if (request.headers.host !== `127.0.0.1:${this.port}`) return null;
    const path = (request.url ?? "").split("?")[0]!;
    const slash = path.indexOf("/", 1);
    if (!path.startsWith("/") || slash < 0) return null;
    const given = Buffer.from(path.slice(1, slash));
    const expected = Buffer.from(this.secret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return path.slice(slash + 1);
  }

  private async poll(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const after = Number(new URL(request.url ?? "", "http://localhost").searchParams.get("after") ?? 0) || 0;
    this.lastPollAt = this.now().getTime();
    const newer = () => this.messages.filter((message) => message.id > after);
    if (newer().length === 0 && this.waiting.size < MAX_WAITING_POLLS) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.options.pollWaitMs ?? 25_000);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        const wake = () => {
          this.waiting.delete(wake);
          done();
        };
        this.waiting.add(wake);
        response.once("close", wake);
      });
      this.lastPollAt = this.now().getTime();
    }
    send(response, 200, newer());
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!request.headers["content-type"]?.startsWith("application/json")) return send(response, 415, { error: "send JSON" });
    let text: unknown;
    try {
      text = (JSON.parse(await readBody(request)) as { text?: unknown }).text;
    } catch {
      return send(response, 400, { error: "send { text }" });
    }
    if (typeof text !== "string" || text.trim().length === 0) return send(response, 400, { error: "Write a message first." });
    const trimmed = text.trim();
    if (trimmed.length > MAX_TEXT_LENGTH) return send(response, 400, { error: `At most ${MAX_TEXT_LENGTH} characters.` });
    if (!this.options.onAnswer(trimmed)) return send(response, 503, { error: "Not connected to IT support right now; try again in a moment." });
    send(response, 201, this.add({ from: "you", user: "You", text: trimmed }));
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, { ...SECURITY_HEADERS, "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
