/** Server-sent events over the bus: a stream that forwards notifications of one channel to a browser. */
import type { Channel } from "../bus/channels";
import type { BusListener } from "../bus/listener";

const KEEPALIVE_MS = 25_000;

export function sseStream(listener: BusListener, channel: Channel, event: string, signal: AbortSignal, toData: (payload: string) => unknown): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      write(": connected\n\nretry: 3000\n\n");
      const unsubscribe = await listener.subscribe(channel, (payload) => write(`event: ${event}\ndata: ${JSON.stringify(toData(payload))}\n\n`));
      // Proxies close idle connections; a comment line keeps this one open.
      const keepalive = setInterval(() => write(": keepalive\n\n"), KEEPALIVE_MS);
      cleanup = () => {
        clearInterval(keepalive);
        unsubscribe();
      };
      signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" } });
}
