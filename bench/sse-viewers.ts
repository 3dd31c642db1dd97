/**
 * The viewers of the SSE fan-out benchmark, as their own process: `count` clients of one stream.
 * In production the viewers are browsers on other machines; here they share the server's two
 * cores, so every cycle they spend is taken from the server under test. They therefore read the
 * raw socket (one GET, then bytes, into one shared buffer) and scan the bytes for what the measurement needs (the publish
 * time each event carries, and `dropped` notices) without an HTTP parser or strings. The chunked
 * framing needs no decoding: the server writes whole events, so a chunk-size line never falls
 * inside one, and a frame cut by a TCP read is completed from the next. Lags go into a 1 ms
 * histogram rather than a list.
 */
import net from "node:net";

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

const REQUEST = `GET /stream HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`;
const HEADERS_END = Buffer.from("\r\n\r\n");
const FRAME_END = Buffer.from("\n\n");
const PUBLISHED_AT = Buffer.from('"t":');
const DROPPED = Buffer.from('"dropped":');
const DIGIT_0 = 0x30;

/** The decimal number that starts at `at`, and where it ends. */
function numberAt(bytes: Buffer, at: number): [value: number, end: number] {
  let value = 0;
  let index = at;
  for (let digit = bytes[index]! - DIGIT_0; digit >= 0 && digit <= 9; digit = bytes[++index]! - DIGIT_0) value = value * 10 + digit;
  return [value, index];
}

/** Counts the events (and dropped notices) in complete frames `bytes[0, end)`, read at `now`. */
function tally(index: number, bytes: Buffer, end: number, now: number) {
  for (let at = bytes.indexOf(PUBLISHED_AT); at >= 0 && at < end; at = bytes.indexOf(PUBLISHED_AT, at)) {
    const [publishedAt, next] = numberAt(bytes, at + PUBLISHED_AT.length);
    const lag = Math.max(0, now - publishedAt);
    histogram[Math.min(MAX_LAG_MS, lag)]! += 1;
    if (lag > maxLag) maxLag = lag;
    received += 1;
    perViewer[index]! += 1;
    at = next;
  }
  for (let at = bytes.indexOf(DROPPED); at >= 0 && at < end; at = bytes.indexOf(DROPPED, at)) {
    const [count, next] = numberAt(bytes, at + DROPPED.length);
    dropped += count;
    at = next;
  }
}

/**
 * Every socket reads into this one buffer (net's `onread`), and each read is tallied before the
 * next can happen: no buffer per read, so the viewers make next to no garbage and their own
 * collector does not add pauses to the lags they measure.
 */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
/** The chunked encoding's framing between two writes: CRLF, a hex size of up to 8 digits, CRLF. */
const MAX_FRAMING_BYTES = 12;

function watch(index: number) {
  let headersRead = false;
  let carry: Buffer | undefined;
  const read = (bytes: Buffer) => {
    const now = Date.now();
    if (carry) {
      bytes = Buffer.concat([carry, bytes]);
      carry = undefined;
    }
    if (!headersRead) {
      const headersEnd = bytes.indexOf(HEADERS_END);
      if (headersEnd < 0) return void (carry = Buffer.from(bytes));
      headersRead = true;
      connected += 1;
      bytes = bytes.subarray(headersEnd + HEADERS_END.length);
    }
    // A read usually ends where a write ended: after a frame and the chunk's framing. A longer
    // tail is an event cut in two, kept to be completed by the next read.
    const lastEnd = bytes.lastIndexOf(FRAME_END);
    const tailStart = lastEnd < 0 ? 0 : lastEnd + FRAME_END.length;
    if (bytes.length - tailStart > MAX_FRAMING_BYTES) carry = Buffer.from(bytes.subarray(tailStart));
    if (!measuring || lastEnd < 0) return;
    chunks += 1;
    tally(index, bytes, lastEnd, now);
  };
  const socket = net.connect({ port, host: "127.0.0.1", onread: { buffer: READ_BUFFER, callback: (bytes, buffer) => (read(buffer.subarray(0, bytes) as Buffer), true) } }, () => socket.write(REQUEST));
  socket.on("error", (error) => console.error(`[viewers] viewer ${index}: ${error.message}`));
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
