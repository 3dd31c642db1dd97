/**
 * One stage of the file-transfer bench's floor row, as its own process: `source <file>` sends the
 * file to whoever connects; `proxy <port>` connects to that port on loopback for each client and
 * pipes the bytes through untouched. Chained (source → proxy → proxy → reader) they move a file
 * through as many processes and loopback sockets as the file relay does (agent → gateway → web →
 * client), with nothing of WebSocket, HTTP or hashing: what the kernel alone costs for that shape.
 * Prints its listening port on stdout.
 */
import { createReadStream } from "node:fs";
import net from "node:net";
import { pipeline } from "node:stream/promises";

const [role, argument] = process.argv.slice(2);

const server = net.createServer((client) => {
  const upstream = role === "source" ? createReadStream(argument!) : net.connect(Number(argument), "127.0.0.1");
  void pipeline(upstream, client).catch(() => client.destroy());
});
server.listen(0, "127.0.0.1", () => console.log((server.address() as net.AddressInfo).port));
process.on("disconnect", () => process.exit(0));
