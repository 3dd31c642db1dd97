/**
 * The gateway: an HTTP server (health check, agent self-update downloads, the web process's file
 * relay) whose upgrades become agent WebSockets after authentication, wired to presence, the
 * command bus, the metrics store, agent updates and the file relay; each agent's arrival and
 * departure is one line of its log (connection-log.ts). `createGateway` is used by the process
 * entry (main.ts) and by tests.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { CHANNELS } from "../server/bus/channels";
import { BusListener } from "../server/bus/listener";
import { isDatabaseUnavailable } from "../server/db/availability";
import { queueMonitoringStatus } from "../server/services/monitoring-profiles";
import type { Db } from "../server/db/client";
import type { RelayTokenKey } from "../server/auth/relay-tokens";
import { AGENT_UPDATE_PATH_SUFFIX } from "../protocol";
import { AgentConnection, type ConnectionEvents } from "./agent-connection";
import { AgentUpdates } from "./agent-updates";
import { CommandDelivery } from "./command-delivery";
import { connectedLine, disconnectedLine } from "./connection-log";
import { handleAgentMessage, messageHandlers } from "./message-handlers";
import { MetricsStore } from "./metrics-store";
import { MonitoringEvaluator } from "./monitoring-evaluator";
import { Presence } from "./presence";
import { FileRelay } from "./relay/file-relay";
import { AGENT_PATH, authenticateUpgrade, remoteAddressOf } from "./upgrade-auth";

export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
export const PING_INTERVAL_MS = 15_000;
export const DEFAULT_METRICS_INTERVAL_MS = 15_000;
/** How often agents already connected are checked for a due update (and agent/dist for a new build). */
export const UPDATE_SWEEP_MS = 60_000;

export type GatewayOptions = {
  db: Db;
  databaseUrl: string;
  publicUrl: string;
  metricsIntervalMs?: number;
  pingIntervalMs?: number;
  presenceTimeoutMs?: number;
  gatewayId?: string;
  /** A gateway known to have died (the launcher saw its process end): its agents go offline at start. */
  replaces?: string;
  /** Self-update: agent/dist with release.json, and the delay of the `general` ring. Without it agents are not offered updates. */
  updates?: { distDir: string; delayHours: number; sweepMs?: number; offerBurst?: number; offersPerSecond?: number };
  /** The file relay: where the web process reaches it (announced in `gateways.relay_url`) and the key of its tokens. Without it files go as chunk commands. */
  relay?: { url: string; key: RelayTokenKey; stallTimeoutMs?: number };
  /** Where the line per agent connection and disconnection goes (connection-log.ts); tests capture it. */
  log?: (line: string) => void;
  now?: () => number;
};

export async function createGateway(options: GatewayOptions) {
  const { db } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? Date.now;
  const gatewayId = options.gatewayId ?? randomUUID();
  const connections = new Map<string, AgentConnection>();
  const metrics = new MetricsStore(db);
  const send = (agentId: string, message: unknown) => connections.get(agentId)?.send(message) ?? false;
  const delivery = new CommandDelivery(db, send, (agentId) => connections.get(agentId)?.ready ?? false);
  const deliverPending = (agentIds: string[]) => void delivery.deliverPending(agentIds).catch((error: unknown) => console.error("[gateway] pending delivery failed:", error));
  const presence = new Presence(db, gatewayId, { held: connections, presenceTimeoutMs: options.presenceTimeoutMs, relayUrl: options.relay?.url, onRestored: deliverPending });
  const listener = new BusListener(options.databaseUrl);
  const updates = options.updates ? new AgentUpdates(db, { ...options.updates, send }) : undefined;
  const monitoring = new MonitoringEvaluator(db, now);
  const relay = options.relay ? new FileRelay({ key: options.relay.key, stallTimeoutMs: options.relay.stallTimeoutMs, connectionOf: (agentId) => connections.get(agentId) }) : undefined;
  const handlers = messageHandlers({ db, delivery, metrics, monitoring, updates, relay });
  const logFailure = (what: string) => (error: unknown) => console.error(`[gateway] ${what} failed:`, error);

  const events: ConnectionEvents = {
    async onHello(connection, hello) {
      await presence.markOnline(connection.agentId, {
        name: hello.name,
        os: hello.os,
        platform: hello.platform,
        loggedInUser: hello.loggedInUser,
        specs: hello.specs,
        features: hello.features,
        agentVersion: hello.agentVersion,
        localAddresses: hello.localAddresses ?? [],
        ...(hello.bootTime ? { bootTime: new Date(hello.bootTime) } : {}),
        remoteAddress: connection.remoteAddress,
      });
      log(connectedLine({ agentId: connection.agentId, remoteAddress: connection.remoteAddress, name: hello.name, agentVersion: hello.agentVersion }));
      connection.send({ type: "hello-ack", agentId: connection.agentId, metricsIntervalMs: options.metricsIntervalMs ?? DEFAULT_METRICS_INTERVAL_MS, serverTime: new Date().toISOString() });
      // Marked ready only after this resolves; deliver what was queued meanwhile right after.
      setImmediate(() => {
        void delivery.deliverPending([connection.agentId], { resendInFlight: true }).catch(logFailure("pending delivery"));
        void updates?.onHello(connection.agentId, hello.agentVersion).catch(logFailure("update offer"));
        // An agent that connects is told its monitoring profiles (nothing is sent when it has none).
        void queueMonitoringStatus(db, [connection.agentId], { onlyWatched: true }).catch(logFailure("monitoring status"));
      });
    },
    async onMessage(connection, message) {
      presence.touch(connection.agentId);
      await handleAgentMessage(handlers, connection, message);
    },
    onFrame: (connection, frame) => relay?.routeFrame(connection, frame) ?? false,
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES, perMessageDeflate: false });
  const respond = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (relay?.owns(req)) return relay.handle(req, res);
    if (updates && req.method === "GET" && new URL(req.url ?? "/", "http://gateway").pathname === `${AGENT_PATH}${AGENT_UPDATE_PATH_SUFFIX}`) {
      updates.serveDownload(req, res).catch((error: unknown) => {
        logFailure("update download")(error);
        if (!res.headersSent) res.writeHead(isDatabaseUnavailable(error) ? 503 : 500);
        res.end();
      });
      return;
    }
    const healthy = req.method === "GET" && req.url === "/healthz";
    res.writeHead(healthy ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(healthy ? { status: "ok" } : { error: "Not found" }));
  };
  const server = http.createServer(respond);
  // A relayed upload announces its body with `Expect: 100-continue`: the relay answers 100 only once
  // the transfer is registered, and refuses a bad token before the body is sent. Others get the default.
  server.on("checkContinue", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!relay?.owns(req)) res.writeContinue();
    respond(req, res);
  });
  // A relayed upload's body may take hours to arrive; nothing else here reads a request body.
  server.requestTimeout = 0;

  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    const refuse = (status: number) => {
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    authenticateUpgrade(db, req, options.publicUrl)
      .then((verdict) => {
        if (!verdict.ok) return refuse(verdict.status);
        wss.handleUpgrade(req, socket, head, (ws) => accept(ws, verdict.agentId, remoteAddressOf(req), verdict.enrolledSecret));
      })
      .catch((error: unknown) => {
        // While PostgreSQL is away every reconnecting agent lands here: answer, but do not log each one.
        if (isDatabaseUnavailable(error)) return refuse(503);
        console.error("[gateway] upgrade failed:", error);
        socket.destroy();
      });
  });

  function accept(ws: WebSocket, agentId: string, remoteAddress: string, enrolledSecret?: string) {
    connections.get(agentId)?.socket.close(4000, "replaced by a newer connection");
    const connection = new AgentConnection(agentId, remoteAddress, ws, events);
    const openedAt = now();
    connections.set(agentId, connection);
    if (enrolledSecret) connection.send({ type: "enrolled", agentId, agentSecret: enrolledSecret });
    // Messages are handled one after another, so `hello` is complete before anything that follows.
    let queue = Promise.resolve();
    // Binary frames (file streams) skip the queue: they never precede a message they depend on, and a
    // message that follows them, such as the stream's end, is only ever handled later than they are.
    ws.on("message", (data, isBinary) => {
      if (isBinary) return connection.receiveFrame(data as Buffer);
      queue = queue.then(() => connection.receive(data.toString())).catch((error: unknown) => console.error(`[gateway] agent ${agentId}:`, error));
    });
    ws.on("pong", () => (connection.alive = true));
    ws.on("error", () => ws.terminate());
    ws.on("close", (code, reason) => {
      log(disconnectedLine({ agentId, remoteAddress, ...connection.identity }, { code, reason: reason.toString(), why: connection.endedBecause }, now() - openedAt));
      relay?.connectionClosed(connection);
      if (connections.get(agentId) !== connection) return;
      connections.delete(agentId);
      monitoring.forget(agentId);
      void presence.markOffline(agentId).catch((error: unknown) => console.error("[gateway] markOffline failed:", error));
    });
  }

  // Liveness: a peer that did not answer the previous ping is gone.
  const pinger = setInterval(() => {
    for (const connection of connections.values()) {
      if (!connection.alive) {
        connection.endedBecause = "no answer to ping";
        connection.socket.terminate();
      } else {
        connection.alive = false;
        connection.socket.ping();
      }
    }
  }, options.pingIntervalMs ?? PING_INTERVAL_MS);
  pinger.unref();

  let updateSweep: NodeJS.Timeout | undefined;
  if (updates) {
    await updates.refresh();
    updateSweep = setInterval(() => {
      const ready = [...connections.values()].filter((c) => c.ready).map((c) => c.agentId);
      void updates.refresh().then(() => updates.offerDue(ready)).catch(logFailure("update sweep"));
    }, options.updates?.sweepMs ?? UPDATE_SWEEP_MS);
    updateSweep.unref();
  }

  // Before listen() (by the caller): the predecessor's agents are offline before any can reconnect.
  await presence.start({ replaces: options.replaces });
  await listener.subscribe(CHANNELS.commandQueued, (payload) => delivery.onQueued(payload));
  await listener.subscribe(CHANNELS.monitoringChanged, () => monitoring.invalidate());
  // A removed agent loses its connection at once, not only at its next reconnect.
  await listener.subscribe(CHANNELS.agentRevoked, (agentId) => connections.get(agentId)?.socket.close(4001, "agent removed"));
  // Back from an outage: we may have been declared dead meanwhile, and queued commands were not heard.
  listener.onReconnect(async () => {
    await presence.reconcile();
    deliverPending([...connections.values()].filter((c) => c.ready).map((c) => c.agentId));
  });

  return {
    gatewayId,
    server,
    connections,
    presence,
    listen(port: number, host: string) {
      return new Promise<number>((resolve) => server.listen(port, host, () => resolve((server.address() as import("node:net").AddressInfo).port)));
    },
    /** Graceful: refuse new upgrades, tell agents to reconnect (1012 = service restart), record them offline. */
    async close() {
      clearInterval(pinger);
      clearInterval(updateSweep);
      relay?.close();
      server.close();
      for (const connection of connections.values()) connection.socket.close(1012, "gateway restarting");
      server.closeAllConnections();
      await metrics.stop();
      await presence.stop();
      connections.clear();
      await listener.close();
    },
  };
}
