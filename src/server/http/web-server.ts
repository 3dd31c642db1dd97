/**
 * The web process: Next.js behind a small Node HTTP server of our own. It owns what Next cannot do
 * reliably for us, before any route, action or tRPC call runs: the client address (stamped into a
 * trusted header, so that throttling and the audit log cannot be fooled by a forged
 * X-Forwarded-For), the origin check on every state-changing request, the body limit, and the
 * per-request Content-Security-Policy nonce (src/server/http/request-guard.ts, security-headers.ts).
 */
import http from "node:http";
import next from "next";
import { stopOnSignals } from "../../launcher/processes";
import { getConfig, requireSetting } from "../config";
import { closeDb, getDb } from "../db/client";
import { startJobQueue } from "../jobs/queue";
import { JOBS } from "../jobs/registry";
import { restoreContentLength } from "./file-size-header";
import { CLIENT_IP_HEADER } from "./request-context";
import { clientAddress, guardRequest } from "./request-guard";
import { securityHeaders } from "./security-headers";

const config = getConfig();
const app = next({ dev: false, dir: process.cwd(), hostname: config.HOST, port: config.PORT });

async function main() {
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    const facts = { method: req.method ?? "GET", pathname: (req.url ?? "/").split("?")[0]!, headers: req.headers, socketAddress: req.socket.remoteAddress };
    req.headers[CLIENT_IP_HEADER] = clientAddress(facts, config.TRUST_PROXY);
    const refusal = guardRequest(facts, config.publicUrl, config);
    if (refusal) {
      // The body is not read: close the connection rather than drain what may be gigabytes.
      res.writeHead(refusal.status, { "content-type": "application/json; charset=utf-8", connection: "close" });
      res.end(JSON.stringify(refusal.body));
      return;
    }
    const headers = securityHeaders(config.publicUrl);
    req.headers["content-security-policy"] = headers.requestCsp;
    for (const [name, value] of Object.entries(headers.response)) res.setHeader(name, value);
    restoreContentLength(res);
    void handle(req, res);
  });
  server.listen(config.PORT, config.HOST, () => console.log(`[web] listening on ${config.HOST}:${config.PORT}`));
  const jobs = await startJobQueue({ url: requireSetting("DATABASE_URL"), db: getDb(), jobs: JOBS });

  const shutdown = () => {
    server.close();
    server.closeAllConnections();
    // Jobs first: a running job finishes on the database pool that closes after it.
    void jobs
      .stop()
      .catch((error: unknown) => console.error("[web] stopping jobs failed:", error))
      .finally(() => closeDb())
      .finally(() => process.exit(0));
  };
  stopOnSignals(shutdown);
}

main().catch((error) => {
  console.error("[web] failed to start:", error);
  process.exit(1);
});
