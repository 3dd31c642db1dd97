/**
 * The server side of the SSE fan-out benchmark, as its own process (so its memory and CPU are its
 * own): the real stream hub listening on PostgreSQL, and `streamResponse` served by a node HTTP
 * server the way the web server hands a web Response to a socket (read the body, write each chunk,
 * wait for `drain` when the socket's buffer is full). Reports its port and viewer count over IPC.
 */
import { once } from "node:events";
import http from "node:http";
import { BusListener } from "../src/server/bus/listener";
import { createDb } from "../src/server/db/client";
import { StreamHub } from "../src/server/streams/hub";
import { streamResponse } from "../src/server/streams/sse-response";

const databaseUrl = process.env.DATABASE_URL!;
const topic = process.env.BENCH_TOPIC!;
const { db } = createDb(databaseUrl);
const listener = new BusListener(databaseUrl);
const hub = new StreamHub(db, listener);

async function pipe(response: Response, res: http.ServerResponse, abort: AbortController) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  const reader = response.body!.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || abort.signal.aborted) break;
      if (!res.write(value)) await once(res, "drain");
    }
  } catch {
    // the viewer left
  } finally {
    res.end();
  }
}

const server = http.createServer((req, res) => {
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  void pipe(streamResponse({ hub, topic, signal: abort.signal }), res, abort);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send!({ type: "listening", port: typeof address === "object" && address ? address.port : 0 });
});
setInterval(() => process.send!({ type: "viewers", count: hub.viewerCount }), 250).unref();
process.on("disconnect", () => process.exit(0));
