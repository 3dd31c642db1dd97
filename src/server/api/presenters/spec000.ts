/**
 * Spec 000's field names for agents, as the reference server answers `GET /clients` (scripts and
 * the reference dashboard read `id`, `connectedAt` and friends).
 */
import { z } from "zod";
import { agentRecord, type AgentPage, type AgentRecord } from "../../contracts/agents";
import type { Presenter } from "../route-types";

export const spec000Agent = agentRecord.extend({
  /** The reference server's name for the agent id (`agentId` is kept as well). */
  id: z.string(),
  /** The reference server's address fields: the agent's own first interface address, and the address it connected from. */
  internalIp: z.string().nullable(),
  externalIp: z.string().nullable(),
  /** Our camelCase specs, plus the reference agent's PascalCase names that its dashboard reads. */
  specs: z
    .looseObject({
      CpuName: z.string().nullable(),
      CpuCores: z.number().nullable(),
      TotalMemoryBytes: z.number().nullable(),
      Storages: z.array(z.object({ Name: z.string(), TotalBytes: z.number(), FreeBytes: z.number() })),
    })
    .nullable(),
  /** Filled by the update, software and monitoring capabilities as they arrive. */
  updates: z.null(),
  software: z.null(),
  alerts: z.array(z.unknown()),
  /** The reference server's unread chat counter (ours is per user: the caller's unread messages). */
  chatNotifications: z.number().int(),
});

export function toSpec000Agent(agent: AgentRecord): z.infer<typeof spec000Agent> {
  return {
    id: agent.agentId,
    ...agent,
    internalIp: agent.localAddresses[0] ?? agent.remoteAddress,
    externalIp: agent.remoteAddress,
    specs: agent.specs && {
      ...agent.specs,
      CpuName: agent.specs.cpu?.model ?? null,
      CpuCores: agent.specs.cpu?.cores ?? null,
      TotalMemoryBytes: agent.specs.memoryBytes ?? null,
      Storages: (agent.specs.disks ?? []).map((disk) => ({ Name: disk.mount, TotalBytes: disk.totalBytes, FreeBytes: disk.freeBytes })),
    },
    updates: null,
    software: null,
    alerts: [],
    chatNotifications: agent.chatUnread,
  };
}

export const spec000AgentList: Presenter<AgentPage> = {
  schema: z.array(spec000Agent),
  present: (page) => page.items.map(toSpec000Agent),
};

