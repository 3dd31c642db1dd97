/**
 * The viewers of the SSE fan-out benchmark, as their own process: `count` plain HTTP clients of one
 * stream. Parsing is kept to what the measurement needs (the publish time each event carries, and
 * `dropped` notices), and lags go into a 1 ms histogram rather than a list, so that a million
 * deliveries a second cost the viewers as little as possible.
 */
import http from "node:http";

const port = Number(process.env.BENCH_PORT);
const count = Number(process.env.BENCH_VIEWERS);
const MAX_LAG_MS = 60_000;

const histogram = new Uint32Array(MAX_LAG_MS + 1);
let received = 0;
let dropped = 0;
let maxLag = 0;
let connected = 0;
let chunks = 0;
let measuring = false;
const perViewer = new Uint32Array(count);

const PUBLISHED_AT = /"t":(\d+)/g;
const DROPPED = /event: dropped\ndata: \{"dropped":(\d+)/g;

function watch(index: number) {
  const request = http.get({ host: "127.0.0.1", port, path: "/stream", agent: false }, (response) => {
    connected += 1;
    let carry = "";
    response.on("data", (chunk: Buffer) => {
      const now = Date.now();
      // Events are cut at frame ends; keep an unfinished frame's tail for the next chunk.
      const text = carry + chunk.toString("latin1");
      const end = text.lastIndexOf("\n\n");
      carry = end >= 0 ? text.slice(end + 2) : text;
      const frames = end >= 0 ? text.slice(0, end) : "";
      if (!measuring) return;
      chunks += 1;
      for (const match of frames.matchAll(PUBLISHED_AT)) {
        const lag = Math.max(0, now - Number(match[1]));
        histogram[Math.min(MAX_LAG_MS, lag)]! += 1;
        if (lag > maxLag) maxLag = lag;
        received += 1;
        perViewer[index]! += 1;
      }
      for (const match of frames.matchAll(DROPPED)) dropped += Number(match[1]);
    });
  });
  request.on("error", (error) => console.error(`[viewers] viewer ${index}: ${error.message}`));
}

for (let i = 0; i < count; i++) watch(i);
setInterval(() => process.send!({ type: "progress", connected, received }), 250).unref();

process.on("message", (message: { type: string }) => {
  if (message.type === "measure") measuring = true;
  if (message.type === "report") {
    measuring = false;
    process.send!({ type: "report", histogram: Array.from(histogram), received, dropped, maxLag, fewest: Math.min(...perViewer), most: Math.max(...perViewer), chunks });
  }
});
process.on("disconnect", () => process.exit(0));
