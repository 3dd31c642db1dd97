/**
 * The dashboard terminal's link to a device's shell: the SSE stream of `GET /shell/{agentId}` read
 * with fetch (not EventSource, which hides why a stream was refused: offline, forbidden, unknown),
 * resumed with `Last-Event-ID` after a dropped connection, and the keys typed sent to
 * `POST /shell/{agentId}/input` one request at a time, in order, batching what was typed while
 * the previous request was under way. A resized panel resizes the remote terminal (the last size
 * wins, sent once the panel has settled).
 */

export type ShellState = "connecting" | "connected" | "reconnecting" | "ended" | "failed";

export type SseMessage = { id?: string; event: string; data: string };

/** Splits complete `\n\n`-terminated blocks off `buffer`; comments (heartbeats) are skipped. */
export function parseSseBlocks(buffer: string): { messages: SseMessage[]; rest: string } {
  const messages: SseMessage[] = [];
  const normalized = buffer.replace(/\r\n/g, "\n");
  const blocks = normalized.split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let id: string | undefined;
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") id = value;
      else if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length > 0) messages.push({ ...(id === undefined ? {} : { id }), event, data: data.join("\n") });
  }
  return { messages, rest };
}

/** At most this many characters per input request, never splitting a surrogate pair. */
export function takeInputChunk(queue: string, max = 16_384): string {
  if (queue.length <= max) return queue;
  const code = queue.charCodeAt(max - 1);
  return queue.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

export type ShellConnectionOptions = {
  agentId: string;
  cols: number;
  rows: number;
  onOutput: (text: string) => void;
  onState: (state: ShellState, message?: string) => void;
  onInputError: (message: string) => void;
  /** The session's shell, e.g. "/bin/bash (pty via script)" (from its `shell-session` event). */
  onSession?: (shell: string) => void;
  fetch?: typeof fetch;
  retryMs?: number;
  resizeDelayMs?: number;
};

export type ShellConnection = {
  send: (text: string) => void;
  /** The remote terminal follows (and a new session starts at) this size. */
  resize: (cols: number, rows: number) => void;
  close: () => void;
};

async function errorMessageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    // not JSON: the status says enough
  }
  return `The server answered ${response.status}`;
}

export function openShellConnection(options: ShellConnectionOptions): ShellConnection {
  const doFetch = options.fetch ?? fetch;
  const base = `/shell/${encodeURIComponent(options.agentId)}`;
  let lastEventId: string | undefined;
  let closed = false;
  let ended = false;
  let controller: AbortController | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let queue = "";
  let sending = false;
  const size = { cols: options.cols, rows: options.rows };
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;

  const finish = (state: "ended" | "failed", message: string) => {
    ended = true;
    controller?.abort();
    options.onState(state, message);
  };

  const retryLater = () => {
    if (closed || ended) return;
    options.onState("reconnecting");
    retry = setTimeout(() => void connect(), options.retryMs ?? 2_000);
  };

  const handle = (message: SseMessage) => {
    if (message.id !== undefined) lastEventId = message.id;
    if (message.event === "dropped") return options.onOutput("\r\n\x1b[33m[some output was skipped: this browser fell behind]\x1b[0m\r\n");
    if (message.event === "shell-session") return options.onSession?.(String((JSON.parse(message.data) as { shell?: unknown }).shell ?? ""));
    if (message.event !== "shell") return;
    const chunk = JSON.parse(message.data) as { output: string; stream: string };
    if (chunk.stream === "exit") finish("ended", chunk.output);
    else options.onOutput(chunk.output);
  };

  async function connect() {
    controller = new AbortController();
    options.onState(lastEventId ? "reconnecting" : "connecting");
    const query = new URLSearchParams({ cols: String(size.cols), rows: String(size.rows) });
    let response: Response;
    try {
      response = await doFetch(`${base}?${query}`, {
        headers: { accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
        signal: controller.signal,
        cache: "no-store",
      });
    } catch {
      return retryLater();
    }
    if (!response.ok || !response.body) return finish("failed", await errorMessageOf(response));
    options.onState("connected");
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const parsed = parseSseBlocks(buffer + decoder.decode(value, { stream: true }));
        buffer = parsed.rest;
        for (const message of parsed.messages) handle(message);
        if (ended) return;
      }
    } catch {
      // aborted or dropped: decided below
    }
    retryLater();
  }

  async function pump() {
    sending = true;
    while (queue && !closed) {
      const chunk = takeInputChunk(queue);
      queue = queue.slice(chunk.length);
      try {
        const response = await doFetch(`${base}/input`, { method: "POST", body: chunk, headers: { "content-type": "text/plain; charset=utf-8" } });
        if (response.status === 409) finish("ended", await errorMessageOf(response));
        else if (!response.ok) options.onInputError(await errorMessageOf(response));
      } catch {
        options.onInputError("The keys could not be sent: the server is unreachable.");
      }
    }
    sending = false;
  }

  void connect();
  return {
    send(text) {
      if (closed || ended) return;
      queue += text;
      if (!sending) void pump();
    },
    resize(cols, rows) {
      if (cols === size.cols && rows === size.rows) return;
      Object.assign(size, { cols, rows });
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        if (closed || ended) return;
        // Best effort: a size that did not arrive only makes lines wrap early.
        void doFetch(`${base}/resize`, { method: "POST", body: JSON.stringify(size), headers: { "content-type": "application/json" } }).catch(() => {});
      }, options.resizeDelayMs ?? 250);
    },
    close() {
      closed = true;
      clearTimeout(retry);
      clearTimeout(resizeTimer);
      controller?.abort();
    },
  };
}
