/**
 * One viewer of one stream topic as a server-sent-event response: `id:` lines carry the chunk id,
 * so a browser that reconnects sends `Last-Event-ID` and is replayed what it missed; a comment line
 * every `heartbeatMs` keeps proxies from closing a quiet stream. A viewer that does not read (a
 * stalled tab, a slow link) has a bounded buffer: once it is full, chunks for that viewer are
 * dropped and, when it reads again, it is told how many with a `dropped` event (it may reconnect
 * with its Last-Event-ID to fetch them), so a slow viewer never holds up the others or the server.
 */
import type { StreamEvent, StreamHub } from "./hub";

export const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" };
export const HEARTBEAT_MS = 15_000;
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** What a viewer is sent for a chunk (null: nothing). Shared presenters let a chunk be encoded once for every viewer. */
export type StreamPresenter = (event: StreamEvent) => { event: string; data: unknown } | null;

export const presentAsStored: StreamPresenter = ({ event, data }) => ({ event, data });

export type StreamResponseOptions = {
  hub: Pick<StreamHub, "subscribe" | "replay" | "recent">;
  topic: string;
  signal: AbortSignal;
  /** The `Last-Event-ID` header (or `lastEventId` query) of a reconnecting viewer. */
  lastEventId?: string | null;
  /** A new viewer (no Last-Event-ID) is first shown this many of the latest stored chunks. */
  recent?: number;
  present?: StreamPresenter;
  heartbeatMs?: number;
  maxBufferedBytes?: number;
  /** Called once when the viewer leaves (closed tab, aborted request, server shutdown). */
  onClose?: () => void;
};

const encoder = new TextEncoder();
const encoded = new WeakMap<StreamEvent, WeakMap<StreamPresenter, Uint8Array | null>>();

function encode(event: StreamEvent, present: StreamPresenter): Uint8Array | null {
  let byPresenter = encoded.get(event);
  if (!byPresenter) encoded.set(event, (byPresenter = new WeakMap()));
  if (byPresenter.has(present)) return byPresenter.get(present)!;
  const shown = present(event);
  const bytes = shown ? encoder.encode(`id: ${event.id}\nevent: ${shown.event}\ndata: ${JSON.stringify(shown.data)}\n\n`) : null;
  byPresenter.set(present, bytes);
  return bytes;
}

type EncodedBatch = { bytes: Uint8Array; byteLength: number; count: number };
const encodedBatches = new WeakMap<StreamEvent[], WeakMap<StreamPresenter, EncodedBatch | null>>();

/** A batch the hub hands to every viewer of a topic, as one buffer (null: nothing to show), built once per presenter. */
function encodeBatch(events: StreamEvent[], present: StreamPresenter): EncodedBatch | null {
  let byPresenter = encodedBatches.get(events);
  if (!byPresenter) encodedBatches.set(events, (byPresenter = new WeakMap()));
  if (byPresenter.has(present)) return byPresenter.get(present)!;
  const parts = events.map((event) => encode(event, present)).filter((bytes): bytes is Uint8Array => bytes !== null);
  const bytes = parts.length === 0 ? null : parts.length === 1 ? parts[0]! : concat(parts);
  const batch = bytes ? { bytes, byteLength: bytes.byteLength, count: parts.length } : null;
  byPresenter.set(present, batch);
  return batch;
}

export function parseLastEventId(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

export function streamResponse(options: StreamResponseOptions): Response {
  const { hub, topic, signal, present = presentAsStored, heartbeatMs = HEARTBEAT_MS, maxBufferedBytes = MAX_BUFFERED_BYTES } = options;
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        let closed = false;
        let sentUpTo = parseLastEventId(options.lastEventId) ?? 0;
        let dropped = 0;
        let early: StreamEvent[] | null = [];
        let unsubscribe: (() => void) | undefined;
        const enqueue = (bytes: Uint8Array) => {
          try {
            controller.enqueue(bytes);
          } catch {
            cleanup();
          }
        };
        const heartbeat = setInterval(() => enqueue(encoder.encode(": heartbeat\n\n")), heartbeatMs);
        const send = (events: StreamEvent[]) => {
          if (dropped === 0 && events.length > 0 && events[0]!.id > sentUpTo) {
            // The usual case: a live batch this viewer has seen nothing of, encoded once for every viewer.
            const batch = encodeBatch(events, present);
            sentUpTo = events.at(-1)!.id;
            if (!batch) return;
            if ((controller.desiredSize ?? 0) < batch.byteLength) dropped += batch.count;
            else enqueue(batch.bytes);
            return;
          }
          const parts: Uint8Array[] = [];
          let size = 0;
          for (const event of events) {
            if (event.id <= sentUpTo) continue;
            sentUpTo = event.id;
            const bytes = encode(event, present);
            if (bytes) {
              parts.push(bytes);
              size += bytes.byteLength;
            }
          }
          if (parts.length === 0) return;
          if ((controller.desiredSize ?? 0) < size) {
            dropped += parts.length;
            return;
          }
          if (dropped > 0) {
            parts.unshift(encoder.encode(`event: dropped\ndata: ${JSON.stringify({ dropped, reason: "this viewer fell behind; reconnect with Last-Event-ID to fetch them" })}\n\n`));
            dropped = 0;
          }
          // One write per batch, however many chunks it holds.
          enqueue(parts.length === 1 ? parts[0]! : concat(parts));
        };
        cleanup = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          unsubscribe?.();
          options.onClose?.();
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        signal.addEventListener("abort", () => cleanup());
        try {
          // Subscribed before reading what was stored, so nothing falls between the two.
          unsubscribe = await hub.subscribe(topic, (events) => (early ? early.push(...events) : send(events)));
          if (closed) return unsubscribe();
          enqueue(encoder.encode(": connected\n\nretry: 3000\n\n"));
          const lastEventId = parseLastEventId(options.lastEventId);
          if (lastEventId !== undefined) send(await hub.replay(topic, lastEventId));
          else if (options.recent) send(await hub.recent(topic, options.recent));
        } catch (error) {
          console.error(`[streams] could not open ${topic}:`, error);
          cleanup();
          return;
        }
        const caughtUp = early;
        early = null;
        send(caughtUp);
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: maxBufferedBytes, size: (chunk) => chunk.byteLength },
  );
  return new Response(stream, { headers: SSE_HEADERS });
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
