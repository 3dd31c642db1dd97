/**
 * Agent self-update, the gateway's part: publishes the releases built into its agent/dist, offers
 * the newest one to each agent it holds once the agent's ring is due (at hello, and on a sweep for
 * agents already connected), records what the agents report, and serves the executable itself at
 * `GET /agent/update?version=` to an agent's own credential. Offers are paced so a whole fleet
 * does not download at the same moment; an agent not offered now is offered at a later sweep.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { and, eq, isNull, sql } from "drizzle-orm";
import { parseAgentAuthorization, type AgentUpdateStatusMessage } from "../protocol";
import { CHANNELS, notify } from "../server/bus/channels";
import type { Db } from "../server/db/client";
import { agents } from "../server/db/schema";
import { authenticateAgent } from "../server/services/agent-identity";
import { publishReleases, readReleaseManifest, type PublishedRelease } from "../server/services/agent-releases";
import { decideOffer } from "../server/services/agent-update-policy";
import { TokenBucket } from "./rate-limiter";

export type AgentUpdatesOptions = {
  /** agent/dist of this installation. */
  distDir: string;
  delayHours: number;
  send: (agentId: string, message: unknown) => boolean;
  /** Offers at once, then one every `1 / offersPerSecond` s. */
  offerBurst?: number;
  offersPerSecond?: number;
  now?: () => Date;
};

const isAnyOf = (agentIds: string[]) => sql`${agents.id} = any(${sql.param(agentIds)}::text[])`;

export class AgentUpdates {
  /** This gateway's own releases by platform: only what it can serve is offered. */
  private releases = new Map<string, PublishedRelease>();
  private readonly pace: TokenBucket;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly options: AgentUpdatesOptions,
  ) {
    this.pace = new TokenBucket(options.offersPerSecond ?? 1 / 3, options.offerBurst ?? 20);
    this.now = options.now ?? (() => new Date());
  }

  /** Reads agent/dist/release.json again and publishes what it lists (a rebuild is picked up at the next sweep). */
  async refresh(): Promise<void> {
    const manifest = await readReleaseManifest(this.options.distDir);
    const published = manifest ? await publishReleases(this.db, manifest) : [];
    this.releases = new Map(published.map((release) => [release.platform, release]));
  }

  /** At hello, the agent's version is recorded already: an update that brought it there is done. */
  async onHello(agentId: string, agentVersion: string): Promise<void> {
    await this.db
      .update(agents)
      .set({ updateState: "updated", updateMessage: null, updateAt: this.now() })
      .where(and(eq(agents.id, agentId), eq(agents.updateVersion, agentVersion), sql`${agents.updateState} is distinct from 'updated'`));
    await this.offerDue([agentId]);
  }

  /** Offers the release to every one of these agents whose ring is due, as far as the pace allows. */
  async offerDue(agentIds: string[]): Promise<void> {
    if (agentIds.length === 0 || this.releases.size === 0) return;
    const rows = await this.db
      .select({ id: agents.id, platform: agents.platform, agentVersion: agents.agentVersion, updateRing: agents.updateRing, updateVersion: agents.updateVersion, updateState: agents.updateState, updateMessage: agents.updateMessage, updateAt: agents.updateAt })
      .from(agents)
      .where(and(isAnyOf(agentIds), isNull(agents.revokedAt)));
    const now = this.now();
    for (const row of rows) {
      const release = row.platform ? this.releases.get(row.platform) : undefined;
      if (!release || decideOffer(row, release, now, this.options.delayHours) !== "offer") continue;
      if (!this.pace.take(now.getTime())) return;
      await this.db.transaction(async (tx) => {
        await tx.update(agents).set({ updateVersion: release.version, updateState: "offered", updateMessage: null, updateAt: now }).where(eq(agents.id, row.id));
        await notify(tx, CHANNELS.agentChanged, row.id);
      });
      this.options.send(row.id, { type: "agent-update-available", version: release.version, sha256: release.sha256, size: release.size });
    }
  }

  async onStatus(agentId: string, message: AgentUpdateStatusMessage): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.update(agents).set({ updateVersion: message.version, updateState: message.state, updateMessage: message.message ?? null, updateAt: this.now() }).where(eq(agents.id, agentId));
      await notify(tx, CHANNELS.agentChanged, agentId);
    });
  }

  /** `GET /agent/update?version=`: the agent's own platform's executable, to the agent's own credential only. */
  async serveDownload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const credentials = parseAgentAuthorization(req.headers.authorization);
    if (!credentials || !(await authenticateAgent(this.db, credentials))) return answer(res, 401, "invalid agent credentials");
    const [agent] = await this.db.select({ platform: agents.platform }).from(agents).where(eq(agents.id, credentials.agentId)).limit(1);
    const release = agent?.platform ? this.releases.get(agent.platform) : undefined;
    const version = new URL(req.url ?? "/", "http://gateway").searchParams.get("version");
    if (!release || release.version !== version) return answer(res, 404, "no such release for this agent");
    const file = path.join(this.options.distDir, release.file);
    const size = await stat(file).then((info) => info.size, () => null);
    // The build replaced the file since it was published: the hash offered would not match.
    if (size !== release.size) return answer(res, 409, "the release is being rebuilt; try again later");
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": size, "cache-control": "no-store" });
    createReadStream(file)
      .on("error", () => res.destroy())
      .pipe(res);
  }
}

function answer(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error }));
}
