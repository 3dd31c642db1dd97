/** Server-sent events over the bus: a stream that forwards notifications of one channel to a browser. */
import type { Channel } from "../bus/channels";
import type { BusListener } from "../bus/listener";
import { SSE_HEADERS } from "../streams/sse-response";

const KEEPALIVE_MS = 25_000;

export type SseOptions = {
  /** Forwards a notification only when this says yes (e.g. an agent the viewer may see). */
  accept?: (payload: string) => Promise<boolean> | boolean;
};

export function sseStream(listener: Pick<BusListener, "subscribe">, channel: Channel, event: string, signal: AbortSignal, toData: (payload: string) => unknown, options: SseOptions = {}): Response {
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
      const send = (payload: string) => write(`event: ${event}\ndata: ${JSON.stringify(toData(payload))}\n\n`);
      const { accept } = options;
      // Filtered notifications are checked one after the other, so they keep their order.
      let checked = Promise.resolve();
      const unsubscribe = await listener.subscribe(channel, (payload) => {
        if (!accept) return send(payload);
        checked = checked.then(async () => {
          try {
            if (await accept(payload)) send(payload);
          } catch (error) {
            console.error(`[sse] dropped a '${event}' event that could not be checked:`, error);
          }
        });
      });
      // Written once subscribed: from here on, nothing that happens is missed.
      write(": connected\n\nretry: 3000\n\n");
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
  return new Response(stream, { headers: SSE_HEADERS });
}
