/**
 * The web process: Next.js behind a small Node HTTP server of our own. It owns the two things
 * Next cannot do reliably for us: the client address (stamped into a trusted header, so that
 * throttling and the audit log cannot be fooled by a forged X-Forwarded-For) and the origin check
 * on every state-changing request, applied before any route, action or tRPC call runs.
 */
import http from "node:http";
import next from "next";
import { exitWithParent } from "../../launcher/processes";
import { getConfig, requireSetting } from "../config";
import { closeDb, getDb } from "../db/client";
import { startJobQueue } from "../jobs/queue";
import { JOBS } from "../jobs/registry";
import { CLIENT_IP_HEADER } from "./request-context";
import { checkOrigin } from "./origin-check";

const config = getConfig();
const app = next({ dev: false, dir: process.cwd(), hostname: config.HOST, port: config.PORT });

function clientAddress(req: http.IncomingMessage): string {
  const forwarded = req.headers["x-forwarded-for"];
  if (config.TRUST_PROXY && typeof forwarded === "string") return forwarded.split(",")[0]!.trim();
  return (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
}

async function main() {
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    req.headers[CLIENT_IP_HEADER] = clientAddress(req);
    const verdict = checkOrigin({
      method: req.method ?? "GET",
      origin: req.headers.origin,
      host: req.headers.host,
      secFetchSite: req.headers["sec-fetch-site"] as string | undefined,
      publicUrl: config.publicUrl,
    });
    if (!verdict.allowed) {
      res.writeHead(403, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "Cross-origin request refused", details: [{ field: "origin", message: verdict.reason }] }));
      return;
    }
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
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  exitWithParent(shutdown);
}

main().catch((error) => {
  console.error("[web] failed to start:", error);
  process.exit(1);
});
