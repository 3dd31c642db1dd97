/**
 * Specification 000's dispatcher as it is served, in front of a gateway harness with one scripted
 * agent, plus a signed-in session cookie per user the test asks for: the common setup of the
 * spec-000 integration tests. Agents get `commandTimeoutMs` (1.5 s) to answer, so 504s are quick.
 */
import type { Role } from "../server/auth/roles";
import { seedUser } from "./actors";
import { FakeAgent } from "./fake-agent";
import { startGatewayHarness, type GatewayHarness } from "./gateway-harness";

export type Spec000Harness<Name extends string = string> = {
  h: GatewayHarness;
  agent: FakeAgent;
  call: (request: Request) => Promise<Response>;
  /** `rmm-session=...` for each user, by the name the test gave them. */
  cookies: Record<Name, string>;
  stop(): Promise<void>;
};

export async function startSpec000Harness<Name extends string>(options: { users: Record<Name, Role>; agentName?: string; commandTimeoutMs?: number }): Promise<Spec000Harness<Name>> {
  const h = await startGatewayHarness();
  Object.assign(process.env, { DATABASE_URL: h.t.url, AUTH_SECRET: "s".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  const [{ createSurfaceHandler }, { spec000Surface }, { credentialResolvers }] = await Promise.all([
    import("../server/api/dispatch"),
    import("../server/api/surfaces/spec000"),
    import("../server/api/credential-resolvers"),
  ]);
  const call = createSurfaceHandler(spec000Surface, { credentials: credentialResolvers, commandTimeoutMs: options.commandTimeoutMs ?? 1_500 });
  const signIn = async (username: string, password: string) => {
    const response = await call(new Request("http://localhost/auth/login", { method: "POST", body: JSON.stringify({ username, password }), headers: { "x-rmm-client-ip": "10.2.2.3", "content-type": "application/json" } }));
    return response.headers.get("set-cookie")!.split(";")[0]!;
  };
  const cookies = {} as Record<Name, string>;
  for (const [name, role] of Object.entries(options.users) as [Name, Role][]) {
    await seedUser(h.t.db, name, role, { password: `${name}-password` });
    cookies[name] = await signIn(name, `${name}-password`);
  }
  const agent = await FakeAgent.connect({ url: h.url, token: await h.token(), ...(options.agentName ? { name: options.agentName } : {}) });
  return {
    h,
    agent,
    call,
    cookies,
    async stop() {
      await agent.close();
      await (await import("../server/bus/web-bus")).getBusListener().close();
      await (await import("../server/db/client")).closeDb();
      await h.stop();
    },
  };
}
