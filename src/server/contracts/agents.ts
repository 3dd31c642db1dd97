/**
 * Request and response schemas of the agents resource, shared by the dashboard, every REST
 * surface (through presenters) and the OpenAPI documents.
 */
import { z } from "zod";

export const agentIdInput = z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(128, "must be at most 128 characters");

export const agentRef = z.strictObject({ agentId: agentIdInput });

export const AGENT_SORT_FIELDS = ["name", "status", "lastSeen", "os", "platform", "group", "agentVersion", "createdAt"] as const;
export type AgentSortField = (typeof AGENT_SORT_FIELDS)[number];

export const AGENT_STATUSES = ["online", "offline"] as const;

/**
 * Filters, sort and an optional page. Without `perPage` every matching agent is returned (the
 * device list and spec 000's `GET /clients` want them all; REST list endpoints always page).
 */
export const listAgentsInput = z
  .strictObject({
    search: z.string({ error: "must be a string" }).trim().max(200, "must be at most 200 characters").optional(),
    status: z.enum(AGENT_STATUSES, { error: "must be online or offline" }).optional(),
    /** Exact hostname, case-insensitive. */
    hostname: z.string({ error: "must be a string" }).trim().min(1).max(255).optional(),
    group: z.string({ error: "must be a string" }).trim().min(1).max(64).optional(),
    monitoringType: z.enum(["server", "workstation"], { error: "must be server or workstation" }).optional(),
    sortBy: z.enum(AGENT_SORT_FIELDS, { error: `must be one of ${AGENT_SORT_FIELDS.join(", ")}` }).default("name"),
    sortOrder: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("asc"),
    page: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").default(1),
    perPage: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").optional(),
  })
  .default({ sortBy: "name", sortOrder: "asc", page: 1 });
export type ListAgentsInput = z.infer<typeof listAgentsInput>;

const diskRecord = z.object({ mount: z.string(), totalBytes: z.number(), freeBytes: z.number(), usedBytes: z.number().optional(), fsType: z.string().optional() });

/** One agent as the service returns it; each surface presents it under its own field names. */
export const agentRecord = z.object({
  agentId: z.string(),
  name: z.string(),
  group: z.string(),
  os: z.string().nullable(),
  platform: z.string().nullable(),
  monitoringType: z.enum(["server", "workstation"]),
  status: z.enum(AGENT_STATUSES),
  online: z.boolean(),
  lastSeen: z.string().nullable(),
  /** When the current connection began; null while offline. */
  connectedAt: z.string().nullable(),
  loggedInUser: z.string().nullable(),
  agentVersion: z.string().nullable(),
  /** The address the agent connected from, as the gateway saw it. */
  remoteAddress: z.string().nullable(),
  /** The agent's own interface addresses (reported by the agent). */
  localAddresses: z.array(z.string()),
  specs: z
    .object({
      cpu: z.object({ model: z.string().optional(), cores: z.number().optional() }).optional(),
      memoryBytes: z.number().optional(),
      disks: z.array(diskRecord).optional(),
    })
    .nullable(),
  features: z.array(z.string()),
  metrics: z
    .object({
      at: z.string(),
      cpuPercent: z.number(),
      memoryPercent: z.number(),
      diskPercent: z.number(),
      network: z.object({ rxBytesPerSec: z.number(), txBytesPerSec: z.number() }),
    })
    .nullable(),
  createdAt: z.string(),
});
export type AgentRecord = z.infer<typeof agentRecord>;

export const agentPage = z.object({
  items: z.array(agentRecord),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
  pages: z.number().int(),
});
export type AgentPage = z.infer<typeof agentPage>;

/** The actions `POST /api/v1/agents/{uuid}/action` can run today. */
export const AGENT_ACTIONS = ["refresh-processes"] as const;
export const agentActionInput = z.strictObject({
  agentId: agentIdInput,
  action: z.enum(AGENT_ACTIONS, { error: `must be one of ${AGENT_ACTIONS.join(", ")}` }),
});

/** Specification 002's heartbeat report, sent by the agent itself (`X-Agent-Key`). */
export const agentReportInput = z.strictObject({
  agentId: agentIdInput,
  hostname: z.string().trim().min(1).max(255).optional(),
  os: z.string().trim().max(255).optional(),
  cpu_percent: z.number({ error: "must be a number" }).min(0).max(100),
  mem_percent: z.number({ error: "must be a number" }).min(0).max(100),
  disk_percent: z.number({ error: "must be a number" }).min(0).max(100),
  uptime_s: z.number({ error: "must be a number" }).int().min(0).optional(),
});
export type AgentReportInput = z.infer<typeof agentReportInput>;
