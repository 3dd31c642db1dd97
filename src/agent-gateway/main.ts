/**
 * The agent gateway process: holds the agents' WebSockets (see docs/protocol.md). This entry
 * serves the health check used by the launcher and by monitoring.
 */
import http from "node:http";
import { getConfig } from "../server/config";

const config = getConfig();

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/healthz") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "ok" }));
    return;
  }
  res.writeHead(404, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: "Not found" }));
});

server.listen(config.GATEWAY_PORT, config.HOST, () => console.log(`[gateway] listening on ${config.HOST}:${config.GATEWAY_PORT}`));

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
