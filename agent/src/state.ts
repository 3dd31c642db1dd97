/**
 * `agent-state.json`: the identity issued at enrollment. Written atomically
 * with mode 0600, since the secret is the agent's only credential.
 */
import { z } from "zod";
import { agentId, agentSecret, isoTimestamp } from "../../src/protocol";
import { readJsonFile, writeJsonFileAtomically } from "./json-file";

export const agentState = z.object({ agentId, agentSecret, enrolledAt: isoTimestamp });

export type AgentState = z.infer<typeof agentState>;

export class StateStore {
  constructor(readonly path: string) {}

  /** The saved identity, or null before enrollment. A damaged file stops the agent rather than re-enrolling a duplicate. */
  async load(): Promise<AgentState | null> {
    const data = await readJsonFile(this.path);
    if (data === undefined) return null;
    const parsed = agentState.safeParse(data);
    if (!parsed.success) throw new Error(`${this.path} is damaged; delete it to enroll this machine again`);
    return parsed.data;
  }

  async save(state: AgentState): Promise<void> {
    await writeJsonFileAtomically(this.path, state);
  }
}
