/** An in-process gateway (with its file relay when asked) and a web-side command waiter on a fresh test database. */
import { BusListener } from "../server/bus/listener";
import { CommandWaiters } from "../server/bus/command-waiters";
import { createEnrollmentToken } from "../server/services/enrollment";
import { testServiceContext } from "./actors";
import { createGateway, type GatewayOptions } from "../agent-gateway/gateway";
import type { RelayTokenKey } from "../server/auth/relay-tokens";
import { freePort } from "./free-port";
import { createTestDatabase, type TestDatabase } from "./test-db";

export type GatewayHarness = Awaited<ReturnType<typeof startGatewayHarness>>;

export async function startGatewayHarness(options: { pingIntervalMs?: number; updates?: GatewayOptions["updates"]; relay?: { key: RelayTokenKey; stallTimeoutMs?: number } } = {}) {
  const t: TestDatabase = await createTestDatabase();
  const publicUrl = "http://rmm.test";
  // The relay's address is announced before the gateway listens, so its port is chosen first.
  const relayPort = options.relay ? await freePort() : 0;
  const relay = options.relay && { ...options.relay, url: `http://127.0.0.1:${relayPort}` };
  // Its connection log is left out of the test output; gateway.int.test.ts checks it on a gateway of its own.
  const gateway = await createGateway({ db: t.db, databaseUrl: t.url, publicUrl, metricsIntervalMs: 1000, pingIntervalMs: options.pingIntervalMs, log: () => {}, updates: options.updates, relay });
  const port = await gateway.listen(relayPort, "127.0.0.1");
  const webListener = new BusListener(t.url);
  const waiters = new CommandWaiters(t.db, webListener);
  const url = `ws://127.0.0.1:${port}/agent`;
  return {
    t,
    gateway,
    port,
    url,
    waiters,
    webListener,
    deps: { db: t.db, waiters, actor: { username: "tester" } },
    async token(maxUses = 5, ttlHours = 1) {
      return (await createEnrollmentToken(testServiceContext(t.db), { label: "test", ttlHours, maxUses })).token;
    },
    async stop() {
      await gateway.close();
      await webListener.close();
      await t.close();
    },
  };
}

/** Kills the LISTEN connection(s) of a database, as a network blip or a server restart would. */
export async function terminateListenConnections(t: TestDatabase): Promise<number> {
  const rows = await t.sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()`;
  return rows.length;
}
